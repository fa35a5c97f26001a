namespace Inspections.Core.Data;

/// <summary>
/// One SQL statement, rendered once for each dialect. Every statement the system runs is a
/// static <see cref="Sql"/> field, so tests can find them all and parse the SQL Server text.
/// </summary>
public sealed class Sql
{
    private readonly string _sqlite;
    private readonly string _postgres;
    private readonly string _sqlServer;

    /// <summary>A statement all three dialects agree on.</summary>
    public Sql(string text) : this(_ => text) { }

    /// <summary>A statement with dialect fragments.</summary>
    public Sql(Func<SqlDialect, string> render)
    {
        _sqlite = render(SqlDialect.Sqlite);
        _postgres = render(SqlDialect.Postgres);
        _sqlServer = render(SqlDialect.SqlServer);
    }

    public string For(DbProvider provider) => provider switch
    {
        DbProvider.Sqlite => _sqlite,
        DbProvider.Postgres => _postgres,
        DbProvider.SqlServer => _sqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public override string ToString() => _postgres;
}
