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

    /// <summary>
    /// A list's scope column written so that SQLite does not seek on it (the unary + keeps a term out of index choice).
    /// For ORDER BY … LIMIT over a jurisdiction range, SQLite's planner would read the whole range and sort it; this way
    /// it walks the list's order index (which carries the jurisdiction, so the range is checked in the entry) and stops
    /// after a page. PostgreSQL and SQL Server weigh the LIMIT themselves.
    /// </summary>
    public string Unseeked(string column) => Provider == DbProvider.Sqlite ? "+" + column : column;

    /// <summary>
    /// Placed after a table name: SQLite reads it through <paramref name="index"/>. For a jurisdiction range that is read
    /// whole (a name-contains search, a register), SQLite's planner may pick any index led by jurisdiction and then read
    /// every row to test the rest; this names the one whose entries answer the filter. PostgreSQL and SQL Server choose themselves.
    /// </summary>
    public string IndexedBy(string index) => Provider == DbProvider.Sqlite ? "INDEXED BY " + index : "";

    /// <summary>A boolean column as a condition of its own, written as each database's partial index writes it (SQL Server's bit is compared).</summary>
    public string IsTrue(string column) => Provider == DbProvider.SqlServer ? column + " = 1" : column;

    /// <summary>Escapes LIKE wildcards in user text; use with <c>ESCAPE '\'</c>.</summary>
    public static string LikeContains(string fragment) =>
        "%" + fragment.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal)
            .Replace("[", @"\[", StringComparison.Ordinal) + "%";

    /// <summary>
    /// An insert that writes nothing when a row with the same <paramref name="key"/> exists, instead
    /// of raising a unique violation (which would abort a PostgreSQL transaction). Only a key conflict
    /// is ignored: a NOT NULL or CHECK failure still fails, unlike SQLite's INSERT OR IGNORE. SQL Server
    /// has no ON CONFLICT: the key-range lock makes the existence check and the insert one step.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns, comma-separated.</param>
    /// <param name="values">One value (parameter or constant) per column, in the same order.</param>
    /// <param name="key">The columns of the unique key, each given a parameter by its place in <paramref name="columns"/>.</param>
    public string InsertIfAbsent(string table, string columns, string values, params string[] key)
    {
        var names = Split(columns);
        var given = Split(values);
        if (names.Length != given.Length)
            throw new ArgumentException($"{names.Length} columns but {given.Length} values for {table}.", nameof(values));
        if (key.Length == 0 || key.Any(k => !names.Contains(k, StringComparer.Ordinal)))
            throw new ArgumentException($"The key ({string.Join(", ", key)}) is not among the columns of {table}.", nameof(key));
        if (Provider != DbProvider.SqlServer)
            return $"""
                INSERT INTO {table} ({columns})
                VALUES ({values})
                ON CONFLICT ({string.Join(", ", key)}) DO NOTHING
                """;
        var match = string.Join(" AND ", key.Select(k => $"{k} = {given[Array.IndexOf(names, k)]}"));
        return $"""
            INSERT INTO {table} ({columns})
            SELECT {values}
            WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {match})
            """;
    }

    /// <summary>
    /// "<paramref name="column"/> is one of the ids in <paramref name="parameter"/>", the parameter being a JSON array
    /// of ids as text: one statement for any number of ids on all three databases (T-SQL has no "IN @list").
    /// </summary>
    public string IdIn(string column, string parameter) => Provider switch
    {
        DbProvider.Sqlite => $"{column} IN (SELECT value FROM json_each({parameter}))",
        DbProvider.Postgres => $"{column} IN (SELECT CAST(jsonb_array_elements_text(CAST({parameter} AS jsonb)) AS uuid))",
        _ => $"{column} IN (SELECT CAST(value AS uniqueidentifier) FROM OPENJSON({parameter}))",
    };

    /// <summary>
    /// The figure buckets in <paramref name="parameter"/> (a JSON array written by <see cref="FigureBucket.Json"/>) as a
    /// derived table of n, jf, jl, f, t — a bucket's number, its jurisdiction range and its period's first and last day — so
    /// one grouped statement counts any number of them: a period and its months, a city's districts side by side.
    /// </summary>
    public string Buckets(string parameter) => Provider switch
    {
        DbProvider.Sqlite => $"(SELECT CAST(json_extract(value, '$.n') AS INTEGER) AS n, json_extract(value, '$.jf') AS jf, "
            + $"json_extract(value, '$.jl') AS jl, json_extract(value, '$.f') AS f, json_extract(value, '$.t') AS t FROM json_each({parameter}))",
        DbProvider.Postgres => $"(SELECT * FROM jsonb_to_recordset(CAST({parameter} AS jsonb)) AS buckets(n integer, jf text, jl text, f date, t date))",
        _ => $"(SELECT n, jf, jl, f, t FROM OPENJSON({parameter}) WITH (n int '$.n', jf nvarchar(9) '$.jf', jl nvarchar(9) '$.jl', f date '$.f', t date '$.t'))",
    };

    private static string[] Split(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
