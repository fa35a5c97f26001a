namespace Inspections.Core.Data;

/// <summary>
/// The few fragments where SQLite, PostgreSQL and SQL Server disagree. Everything else is
/// one SQL text for all three.
/// </summary>
public sealed class SqlDialect
{
    public DbProvider Provider { get; }

    private SqlDialect(DbProvider provider) => Provider = provider;

    public static readonly SqlDialect Sqlite = new(DbProvider.Sqlite);
    public static readonly SqlDialect Postgres = new(DbProvider.Postgres);
    public static readonly SqlDialect SqlServer = new(DbProvider.SqlServer);

    public static SqlDialect For(DbProvider provider) => provider switch
    {
        DbProvider.Sqlite => Sqlite,
        DbProvider.Postgres => Postgres,
        DbProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>Row limit placed after ORDER BY. SQL Server needs OFFSET/FETCH.</summary>
    public string Limit(string parameter) => Provider == DbProvider.SqlServer
        ? $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY"
        : $"LIMIT {parameter}";

    /// <summary>Escapes LIKE wildcards in user text; use with <c>ESCAPE '\'</c>.</summary>
    public static string LikeContains(string fragment) =>
        "%" + fragment.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal)
            .Replace("[", @"\[", StringComparison.Ordinal) + "%";
}
