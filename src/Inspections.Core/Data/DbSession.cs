using System.Data.Common;
using Dapper;

namespace Inspections.Core.Data;

/// <summary>
/// The request's one connection (and, for commands, its one transaction). Handlers run their
/// SQL through it so a command's writes and its audit row commit or roll back together.
/// </summary>
public sealed class DbSession(DbConnectionFactory factory) : IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;

    public DbTransaction? Transaction { get; private set; }
    public DbProvider Provider => factory.Provider;
    public SqlDialect Dialect => factory.Dialect;

    public async Task<DbConnection> ConnectionAsync(CancellationToken ct)
        => _connection ??= await factory.OpenAsync(ct);

    public async Task BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open.");
        var connection = await ConnectionAsync(ct);
        Transaction = await connection.BeginTransactionAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        try { await Transaction.RollbackAsync(CancellationToken.None); }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    private CommandDefinition Define(Sql sql, object? param, CancellationToken ct) =>
        new(sql.For(Provider), param, Transaction, cancellationToken: ct);

    public async Task<int> ExecuteAsync(Sql sql, object? param, CancellationToken ct)
        => await (await ConnectionAsync(ct)).ExecuteAsync(Define(sql, param, ct));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct)
        => (await (await ConnectionAsync(ct)).QueryAsync<T>(Define(sql, param, ct))).AsList();

    public async Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct)
        => await (await ConnectionAsync(ct)).QuerySingleOrDefaultAsync<T>(Define(sql, param, ct));

    public async Task<T> ExecuteScalarAsync<T>(Sql sql, object? param, CancellationToken ct)
        => (await (await ConnectionAsync(ct)).ExecuteScalarAsync<T>(Define(sql, param, ct)))!;

    /// <summary>Set by a command handler: the entity its audit row is about.</summary>
    public (string Type, string Id)? AuditSubject { get; private set; }

    public void AuditAbout(string entityType, Guid id) => AuditSubject = (entityType, id.ToString("D"));

    public void AuditAbout(string entityType, string id) => AuditSubject = (entityType, id);

    /// <summary>For containers that dispose synchronously (Hangfire's job scopes).</summary>
    public void Dispose()
    {
        Transaction?.Dispose(); // disposing an uncommitted transaction rolls it back
        Transaction = null;
        _connection?.Dispose();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }
}
