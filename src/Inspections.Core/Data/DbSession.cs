using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inspections.Core.Data;

/// <summary>
/// The request's one connection (and, for commands, its one transaction). Handlers run their
/// SQL through it so a command's writes and its audit row commit or roll back together.
/// </summary>
public sealed partial class DbSession(DbConnectionFactory factory, ILogger<DbSession>? logger = null) : IAsyncDisposable, IDisposable
{
    private DbConnection? _connection;
    private readonly ILogger _logger = logger ?? NullLogger<DbSession>.Instance;
    private List<Func<DbSession, CancellationToken, Task>>? _beforeCommit;

    public DbTransaction? Transaction { get; private set; }
    public DbProvider Provider => factory.Provider;
    public SqlDialect Dialect => factory.Dialect;

    /// <summary>The session's connection: opened on first use, the same one until it is released.</summary>
    public ValueTask<DbConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { } open) return new(open);
        // A pooled connection opens at once (both providers' pools): kept without a state machine of this session's.
        var opening = factory.OpenAsync(ct);
        return opening.IsCompletedSuccessfully ? new(_connection = opening.Result) : OpenedAsync(this, opening);

        static async ValueTask<DbConnection> OpenedAsync(DbSession db, Task<DbConnection> opening) => db._connection = await opening;
    }

    public async Task BeginAsync(CancellationToken ct)
    {
        if (Transaction is not null) throw new InvalidOperationException("A transaction is already open.");
        var connection = await ConnectionAsync(ct);
        Transaction = await connection.BeginTransactionAsync(ct);
        // A command names its own subject: one left by an earlier command of this session must not be audited again.
        ForgetCommand();
    }

    /// <summary>
    /// A step run inside every transaction of this session just before it commits (e.g. claiming a
    /// request's idempotency key), so it lands or is rolled back with the command's writes.
    /// </summary>
    public void BeforeCommit(Func<DbSession, CancellationToken, Task> step) => (_beforeCommit ??= []).Add(step);

    public async Task CommitAsync(CancellationToken ct)
    {
        if (Transaction is null) return;
        if (_beforeCommit is not null)
            foreach (var step in _beforeCommit) await step(this, ct);
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
        ForgetCommand();
    }

    /// <summary>
    /// Rolls back and never throws: it runs while another exception is on its way out, and when the
    /// connection broke the rollback fails too (Npgsql: ObjectDisposedException), which would
    /// replace the error worth logging. The server discards a transaction whose connection is gone.
    /// </summary>
    public async Task RollbackAsync()
    {
        if (Transaction is not { } transaction) return;
        Transaction = null;
        ForgetCommand();
        try { await transaction.RollbackAsync(CancellationToken.None); }
        catch (Exception e) when (e is DbException or ObjectDisposedException or InvalidOperationException or IOException or TimeoutException)
        {
            LogRollbackFailed(e.GetType().Name, e.Message);
        }
        try { await transaction.DisposeAsync(); }
        catch (Exception e) when (e is DbException or ObjectDisposedException or InvalidOperationException or IOException or TimeoutException)
        {
            LogRollbackFailed(e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollback failed ({Error}: {Message}); the connection is gone and the server discards the transaction")]
    private partial void LogRollbackFailed(string error, string message);

    private CommandDefinition Define(Sql sql, object? param, CancellationToken ct) =>
        new(sql.For(Provider), param, Transaction, cancellationToken: ct);

    // ExecuteAsync and QuerySingleOrDefaultAsync (a read by id, a command's load and write) hand on Dapper's task when the
    // connection is there without waiting (open, or taken from the pool), rather than wrapping it in one more state machine.
    public Task<int> ExecuteAsync(Sql sql, object? param, CancellationToken ct)
    {
        var connection = ConnectionAsync(ct);
        return connection.IsCompletedSuccessfully ? connection.Result.ExecuteAsync(Define(sql, param, ct)) : OpenedAsync(this, connection, sql, param, ct);

        // Static, with its arguments passed: a local function capturing them would make a closure on the direct path too.
        static async Task<int> OpenedAsync(DbSession db, ValueTask<DbConnection> opening, Sql sql, object? param, CancellationToken ct) =>
            await (await opening).ExecuteAsync(db.Define(sql, param, ct));
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(Sql sql, object? param, CancellationToken ct)
        => (await (await ConnectionAsync(ct)).QueryAsync<T>(Define(sql, param, ct))).AsList();

    /// <summary>
    /// Rows read one at a time as the caller asks for them (an unbuffered reader), for exports that must not hold
    /// a whole table in memory. Nothing else may run on the session while the sequence is being read.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(Sql sql, object? param, [EnumeratorCancellation] CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        await foreach (var row in connection.QueryUnbufferedAsync<T>(sql.For(Provider), param, Transaction).WithCancellation(ct))
            yield return row;
    }

    public Task<T?> QuerySingleOrDefaultAsync<T>(Sql sql, object? param, CancellationToken ct)
    {
        var connection = ConnectionAsync(ct);
        return connection.IsCompletedSuccessfully
            ? connection.Result.QuerySingleOrDefaultAsync<T>(Define(sql, param, ct))
            : OpenedAsync(this, connection, sql, param, ct);

        static async Task<T?> OpenedAsync(DbSession db, ValueTask<DbConnection> opening, Sql sql, object? param, CancellationToken ct) =>
            await (await opening).QuerySingleOrDefaultAsync<T>(db.Define(sql, param, ct));
    }

    public async Task<T> ExecuteScalarAsync<T>(Sql sql, object? param, CancellationToken ct)
        => (await (await ConnectionAsync(ct)).ExecuteScalarAsync<T>(Define(sql, param, ct)))!;

    /// <summary>Set by a command handler: the entity its audit row is about. Cleared when a transaction begins and when it ends.</summary>
    public (string Type, string Id)? AuditSubject { get; private set; }

    public void AuditAbout(string entityType, Guid id) => AuditSubject = (entityType, id.ToString("D"));

    public void AuditAbout(string entityType, string id) => AuditSubject = (entityType, id);

    /// <summary>
    /// Set by a command handler that changed nothing a stored deadline clock reads (e.g. a venue's facts other than its
    /// name): the transaction does not compute its subject's clocks again. Cleared when a transaction begins and when it ends.
    /// </summary>
    public bool LeavesClocks { get; private set; }

    public void LeaveClocks() => LeavesClocks = true;

    /// <summary>What a command's handler said about its transaction, dropped when a transaction begins and when it ends.</summary>
    private void ForgetCommand()
    {
        AuditSubject = null;
        LeavesClocks = false;
    }

    /// <summary>
    /// Gives the connection back to the pool now, outside a transaction: the request's handler is done and its answer
    /// (built from rows already read) is about to be written, which can take longer than the query when the client reads
    /// slowly. A later use of the session opens a connection again.
    /// </summary>
    public ValueTask ReleaseAsync()
    {
        if (Transaction is not null || _connection is not { } connection) return default;
        _connection = null;
        return connection.DisposeAsync();
    }

    /// <summary>For containers that dispose synchronously (Hangfire's job scopes).</summary>
    public void Dispose()
    {
        Transaction?.Dispose(); // disposing an uncommitted transaction rolls it back
        Transaction = null;
        _connection?.Dispose();
        _connection = null;
    }

    // A request's session is usually released already (the answer was built): nothing to roll back or close, no state machine.
    public ValueTask DisposeAsync() => Transaction is null && _connection is null ? default : DisposingAsync();

    private async ValueTask DisposingAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }
}
