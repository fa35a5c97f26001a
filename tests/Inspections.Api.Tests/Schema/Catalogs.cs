using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Inspections.Api.Tests.Schema;

/// <summary>Reads a migrated database's own catalog into <see cref="SchemaFacts"/>.</summary>
public static class Catalogs
{
    /// <summary>DbUp's journal is bookkeeping, not schema (SchemaVersions on SQLite, schemaversions on PostgreSQL).</summary>
    private static bool IsJournal(string table) => string.Equals(table, "SchemaVersions", StringComparison.OrdinalIgnoreCase);

    public static async Task<SchemaFacts> ReadSqliteAsync(string connectionString)
    {
        var facts = new SchemaFacts("sqlite");
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        var tables = (await RowsAsync(connection,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name", []))
            .Select(r => (string)r[0]!).Where(t => !IsJournal(t)).ToList();
        foreach (var table in tables)
        {
            facts.Table(table);
            var columns = await RowsAsync(connection,
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@t) ORDER BY cid", [("t", table)]);
            foreach (var c in columns)
            {
                // Affinity comes from the declared type; anything but these four words would give another
                // affinity (BOOLEAN and DATETIME are NUMERIC), which the comparison should show.
                var declared = ((string)c[1]!).ToUpperInvariant();
                facts.Column(table, (string)c[0]!, null, declared, nullable: (long)c[2]! == 0);
            }
            var key = columns.Where(c => (long)c[3]! > 0).OrderBy(c => (long)c[3]!).Select(c => (string)c[0]!).ToList();
            if (key.Count > 0) facts.PrimaryKey(table, key);

            foreach (var index in await RowsAsync(connection,
                         "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@t) ORDER BY name", [("t", table)]))
            {
                var name = (string)index[0]!;
                var origin = (string)index[2]!;
                if (origin == "pk") continue; // the primary key fact covers it
                var keyColumns = (await RowsAsync(connection,
                        "SELECT name, \"desc\", coll FROM pragma_index_xinfo(@i) WHERE key = 1 ORDER BY seqno", [("i", name)]))
                    .Select(k => (k[0] as string ?? "(expression)")
                                 + ((long)k[1]! == 1 ? " desc" : "")
                                 + (string.Equals((string)k[2]!, "BINARY", StringComparison.OrdinalIgnoreCase) ? "" : " collate " + ((string)k[2]!).ToLowerInvariant()))
                    .ToList();
                if (origin == "u")
                {
                    facts.UniqueConstraint(table, keyColumns);
                    continue;
                }
                string? filter = null;
                if ((long)index[3]! == 1)
                {
                    var sql = (string)(await RowsAsync(connection, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = @i", [("i", name)]))[0][0]!;
                    filter = sql[(sql.LastIndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) + 7)..];
                }
                facts.Index(name, table, keyColumns, (long)index[1]! == 1, filter);
            }
        }
        return facts;
    }

    /// <summary>The extensions the PostgreSQL server offers (installed or not).</summary>
    public static async Task<IReadOnlyList<string>> PostgresExtensionsOfferedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (await RowsAsync(connection, "SELECT name FROM pg_available_extensions ORDER BY name", [])).Select(r => (string)r[0]!).ToList();
    }

    public static async Task<SchemaFacts> ReadPostgresAsync(string connectionString)
    {
        var facts = new SchemaFacts("postgres");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        foreach (var t in await RowsAsync(connection,
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name", []))
        {
            if (!IsJournal((string)t[0]!)) facts.Table((string)t[0]!);
        }

        foreach (var c in await RowsAsync(connection, """
                     SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable
                     FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
                     """, []))
        {
            var table = (string)c[0]!;
            if (IsJournal(table)) continue;
            var dataType = (string)c[2]!;
            var canonical = CanonicalType.FromPostgres(dataType, c[3] as int?, c[4] as int?, c[5] as int?)
                            ?? $"(no canonical type for PostgreSQL {dataType})";
            facts.Column(table, (string)c[1]!, canonical, StorageOf(canonical), nullable: (string)c[6]! == "YES");
        }

        // pg_index rather than pg_indexes: it has the key columns in order, their operator classes
        // (varchar_pattern_ops is not the default), DESC, the predicate, whether a constraint owns the index
        // and its access method (btree, or gin for a trigram index).
        var indexRows = await RowsAsync(connection, """
            SELECT t.relname, i.relname, x.indisunique, x.indisprimary, pg_get_expr(x.indpred, x.indrelid),
                   k.ord, a.attname, oc.opcname, oc.opcdefault, (x.indoption[k.ord - 1] & 1) = 1,
                   EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid AND con.contype = 'u'),
                   am.amname
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_am am ON am.oid = i.relam
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indclass::oid[]) WITH ORDINALITY AS k(attnum, opclass, ord)
            LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
            LEFT JOIN pg_opclass oc ON oc.oid = k.opclass
            WHERE n.nspname = 'public' AND k.ord <= x.indnkeyatts
            ORDER BY t.relname, i.relname, k.ord
            """, []);
        foreach (var index in indexRows.GroupBy(r => ((string)r[0]!, (string)r[1]!)))
        {
            var (table, name) = index.Key;
            if (IsJournal(table)) continue;
            var first = index.First();
            var columns = index.Select(r => (r[6] as string ?? "(expression)")
                                            + ((bool)r[9]! ? " desc" : "")
                                            + (r[8] is false ? " " + (string)r[7]! : "")).ToList();
            if ((bool)first[3]!) facts.PrimaryKey(table, columns);
            else if ((bool)first[10]!) facts.UniqueConstraint(table, columns);
            else facts.Index(name, table, columns, (bool)first[2]!, first[4] as string, (string)first[11]!);
        }
        return facts;
    }

    /// <summary>The storage a canonical type implies, or a value that shows up as a difference when there is none.</summary>
    internal static string StorageOf(string canonical)
    {
        try { return CanonicalType.Storage(canonical); }
        catch (InvalidOperationException) { return "(unknown)"; }
    }

    private static async Task<List<object?[]>> RowsAsync(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }
}
