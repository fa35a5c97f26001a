namespace Inspections.Api.Tests.Schema;

/// <summary>
/// One database's schema as flat facts, "kind subject" → value, so three catalogs that look nothing
/// alike can be compared key by key:
/// <list type="bullet">
/// <item><c>table T</c> → "table"</item>
/// <item><c>storage T.C</c> → TEXT / INTEGER / REAL / BLOB: what SQLite stores; the other two derive it from their type</item>
/// <item><c>type T.C</c> → canonical type (see <see cref="CanonicalType"/>); PostgreSQL and SQL Server only, SQLite has no such types</item>
/// <item><c>null T.C</c> → "null" / "not null"</item>
/// <item><c>primary key T</c> → "(a, b)"</item>
/// <item><c>index I</c> → "T (a, b desc) unique where …" for CREATE INDEX ("… using gin" for an index that is no B-tree), <c>unique T(a, b)</c> for an unnamed UNIQUE constraint</item>
/// </list>
/// </summary>
public sealed class SchemaFacts(string database)
{
    public string Database { get; } = database;
    public SortedDictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>SQLite declares storage only, so "type" facts are not its to compare.</summary>
    public bool Speaks(string kind) => kind != "type" || Database != "sqlite";

    public void Table(string table) => Add($"table {table}", "table");

    public void Column(string table, string column, string? canonicalType, string storage, bool nullable)
    {
        if (canonicalType is not null) Add($"type {table}.{column}", canonicalType);
        Add($"storage {table}.{column}", storage);
        Add($"null {table}.{column}", nullable ? "null" : "not null");
    }

    public void PrimaryKey(string table, IEnumerable<string> columns) =>
        Add($"primary key {table}", "(" + string.Join(", ", columns) + ")");

    public void Index(string name, string table, IEnumerable<string> columns, bool unique, string? filter, string? method = null) =>
        Add($"index {name}", $"{table} ({string.Join(", ", columns)})" + (method is null or "btree" ? "" : " using " + method)
                             + (unique ? " unique" : "") + (filter is null ? "" : " where " + NormaliseFilter(filter)));

    /// <summary>Takes a fact out of the comparison (one a dialect has alone, by design); its value, or null when absent.</summary>
    public string? Remove(string key) => Facts.Remove(key, out var value) ? value : null;

    /// <summary>An unnamed UNIQUE constraint: each database names it its own way, so it is keyed by table and columns.</summary>
    public void UniqueConstraint(string table, IReadOnlyList<string> columns) =>
        Add($"index unique {table}({string.Join(", ", columns)})", "unique constraint");

    private void Add(string key, string value)
    {
        if (!Facts.TryAdd(key, value))
            throw new InvalidOperationException($"{Database}: {key} read twice ({Facts[key]} / {value})");
    }

    /// <summary>Filters as each catalog prints them, e.g. "(x IS NOT NULL)", "[x] IS NOT NULL", compared without brackets, quotes or case.</summary>
    public static string NormaliseFilter(string filter) =>
        string.Join(' ', new string(filter.Where(c => c is not ('(' or ')' or '[' or ']' or '"')).ToArray())
            .ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// The canonical types the three dialects are compared in, and how each dialect spells them.
/// A type not in this map fails the schema test: add it here, deliberately, with its three spellings.
/// <code>
/// canonical     PostgreSQL          SQL Server                 SQLite storage
/// text(n)       varchar(n)          varchar(n), nvarchar(n)    TEXT
/// char(n)       char(n)             char(n), nchar(n)          TEXT
/// text          text                varchar(max), nvarchar(max) TEXT
/// int32         integer             int                        INTEGER
/// int64         bigint              bigint                     INTEGER
/// boolean       boolean             bit                        INTEGER (0/1)
/// float64       double precision    float, float(25..53)       REAL
/// decimal(p,s)  numeric(p,s)        decimal(p,s), numeric(p,s) TEXT (Microsoft.Data.Sqlite binds decimal as text)
/// date          date                date                       TEXT (yyyy-MM-dd)
/// timestamp     timestamptz         datetimeoffset             TEXT (ISO 8601 with offset)
/// uuid          uuid                uniqueidentifier           TEXT
/// binary        bytea               varbinary(max)             BLOB
/// </code>
/// varchar and nvarchar are one canonical type: the n in SQL Server is a choice of character set
/// (codes are ASCII, names are Chinese), not a different value domain.
/// </summary>
public static class CanonicalType
{
    public static string Storage(string canonical) => canonical switch
    {
        "int32" or "int64" or "boolean" => "INTEGER",
        "float64" => "REAL",
        "binary" => "BLOB",
        _ when canonical.StartsWith("text", StringComparison.Ordinal) || canonical.StartsWith("char(", StringComparison.Ordinal)
            || canonical.StartsWith("decimal(", StringComparison.Ordinal) || canonical is "date" or "timestamp" or "uuid" => "TEXT",
        _ => throw new InvalidOperationException($"No SQLite storage for canonical type {canonical}"),
    };

    /// <summary>information_schema.columns: data_type with its length, precision and scale.</summary>
    public static string? FromPostgres(string dataType, int? length, int? precision, int? scale) => dataType switch
    {
        "character varying" => length is null ? "text" : $"text({length})",
        "character" => $"char({length})",
        "text" => "text",
        "integer" => "int32",
        "bigint" => "int64",
        "boolean" => "boolean",
        "double precision" => "float64",
        "numeric" => $"decimal({precision},{scale})",
        "date" => "date",
        "timestamp with time zone" => "timestamp",
        "uuid" => "uuid",
        "bytea" => "binary",
        _ => null,
    };

    /// <summary>A T-SQL type as ScriptDom reads it: the type name and its parameters ("max" for MAX).</summary>
    public static string? FromSqlServer(string type, IReadOnlyList<string> parameters)
    {
        var first = parameters.Count > 0 ? parameters[0] : null;
        return type.ToLowerInvariant() switch
        {
            "varchar" or "nvarchar" => first is null or "max" ? (first is null ? "text(1)" : "text") : $"text({first})",
            "char" or "nchar" => $"char({first ?? "1"})",
            "int" => "int32",
            "bigint" => "int64",
            "bit" => "boolean",
            "float" => first is null || int.Parse(first, System.Globalization.CultureInfo.InvariantCulture) > 24 ? "float64" : null,
            "decimal" or "numeric" => $"decimal({first ?? "18"},{(parameters.Count > 1 ? parameters[1] : "0")})",
            "date" => "date",
            "datetimeoffset" => "timestamp",
            "uniqueidentifier" => "uuid",
            "varbinary" => first == "max" ? "binary" : null,
            _ => null,
        };
    }
}
