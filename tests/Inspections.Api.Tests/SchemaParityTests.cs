using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using DbUp;
using DbUp.Engine;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.Schema;
using Inspections.Core.Data;

namespace Inspections.Api.Tests;

/// <summary>
/// One schema on three databases: a fresh SQLite file and a fresh PostgreSQL database are migrated
/// and their catalogs read; the SQL Server scripts are parsed and replayed. Tables, columns, types
/// (in the canonical map of <see cref="CanonicalType"/>), nullability, primary keys, unique
/// constraints and indexes must agree, except for the few deliberate dialect differences below.
/// </summary>
public sealed partial class SchemaParityTests
{
    /// <summary>
    /// Deliberate dialect differences, by fact key. Each must still be a difference (a stale entry
    /// fails), and each says why the dialects must differ here.
    /// </summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        // SQL Server lets a unique index hold one NULL only; PostgreSQL and SQLite let it hold any
        // number. Cases get their number when filed, so many unfiled cases have none: the filter
        // gives SQL Server the semantics the other two have without one.
        ["index ux_cases_case_number"] = "SQL Server unique indexes treat NULLs as equal; the filter restores the others' behaviour",
        // A filter on a flag: PostgreSQL and SQLite test the boolean itself, SQL Server's bit is compared with 1.
        ["index ix_inspections_case_leads"] = "SQL Server has no boolean: the filter compares its bit column with 1",
        // The same filter, which PostgreSQL's catalogue writes back with the casts it adds to a varchar compared with text.
        ["index ix_permit_applications_desk"] = "PostgreSQL reports the filter as stage::text = 'received'::text",
    };

    /// <summary>
    /// Indexes only PostgreSQL has, by design, and what they must be there. They exist where the server offers their
    /// extension (the migration creates it if it can and goes on without the index if it cannot), so the test asks the
    /// server: offered, the index must be there as written; not offered, it must be absent. The other databases must not have it.
    /// </summary>
    private static readonly Dictionary<string, (string Extension, string Value, string Why)> PostgresOnly = new(StringComparer.Ordinal)
    {
        ["index ix_venues_name_trgm"] = ("pg_trgm", "venues (name gin_trgm_ops) using gin",
            "a name-contains search (LIKE '%…%') is served by a trigram index; SQLite and SQL Server have none"),
    };

    private static SchemaFacts SqlServer()
    {
        var model = SqlServerScriptModel.Replay(Migrator.Scripts(DbProvider.SqlServer));
        Assert.That(model.Unmodelled, Is.Empty, "SQL Server statements the schema model does not replay");
        return model.Facts();
    }

    private static async Task<SchemaFacts> MigratedAsync(string provider, ICollection<string>? extensionsOffered = null)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        Migrator.Migrate(db.Options);
        var cs = new DbConnectionFactory(db.Options).ConnectionString;
        var facts = provider == "sqlite" ? await Catalogs.ReadSqliteAsync(cs) : await Catalogs.ReadPostgresAsync(cs);
        if (provider == "postgres" && extensionsOffered is not null)
            foreach (var name in await Catalogs.PostgresExtensionsOfferedAsync(cs)) extensionsOffered.Add(name);
        return facts;
    }

    /// <summary>Per fact key that the databases disagree on: the key and each speaking database's value.</summary>
    internal static List<(string Key, string Text)> Differences(params SchemaFacts[] databases)
    {
        var differences = new List<(string, string)>();
        foreach (var key in databases.SelectMany(d => d.Facts.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var kind = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            var speakers = databases.Where(d => d.Speaks(kind)).ToList();
            var values = speakers.Select(d => (d.Database, Value: d.Facts.GetValueOrDefault(key, "(absent)"))).ToList();
            if (values.Select(v => v.Value).Distinct().Count() > 1)
                differences.Add((key, key + ": " + string.Join(" | ", values.Select(v => $"{v.Database} {v.Value}"))));
        }
        return differences;
    }

    [Test]
    public async Task Sqlite_postgres_and_sql_server_have_one_schema()
    {
        var sqlite = await MigratedAsync("sqlite");
        var offered = new HashSet<string>(StringComparer.Ordinal);
        var postgres = await MigratedAsync("postgres", offered);
        var sqlServer = SqlServer();
        Assert.That(sqlite.Facts.Keys.Count(k => k.StartsWith("table ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(30), "tables were read at all");
        foreach (var (key, (extension, value, why)) in PostgresOnly)
        {
            var available = offered.Contains(extension);
            Assert.That(postgres.Remove(key), available ? Is.EqualTo(value) : Is.Null,
                $"{key} on PostgreSQL, where {extension} is {(available ? "" : "not ")}available ({why})");
            Assert.That(new[] { sqlite, sqlServer }.Where(d => d.Facts.ContainsKey(key)).Select(d => d.Database), Is.Empty, $"{key} is PostgreSQL's alone");
        }

        var differences = Differences(sqlite, postgres, sqlServer);
        foreach (var (key, text) in differences)
            TestContext.Out.WriteLine((Allowed.ContainsKey(key) ? "allowed: " : "DRIFT:   ") + text);

        var drift = differences.Where(d => !Allowed.ContainsKey(d.Key)).Select(d => d.Text).ToList();
        var stale = Allowed.Keys.Where(k => differences.All(d => d.Key != k)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(drift, Is.Empty, "schema drift between the three databases (see the output for all differences)");
            Assert.That(stale, Is.Empty, "allow-list entries that are no longer a difference: remove them");
        });
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBoundary();

    /// <summary>
    /// A yes/no column is one the application reads into a <c>bool</c>: a Core type that carries at
    /// least four columns of a table (so it is a row of that table, not a JSON item that shares a
    /// name) and reads one of them as bool needs that column boolean (bit on SQL Server), not an
    /// integer that happens to hold 0 and 1. The parity test holds PostgreSQL to SQL Server's types.
    /// </summary>
    [Test]
    public void Yes_no_columns_are_boolean()
    {
        var types = SqlServer().Facts.Where(f => f.Key.StartsWith("type ", StringComparison.Ordinal))
            .Select(f => (Table: f.Key[5..f.Key.IndexOf('.', StringComparison.Ordinal)], Column: f.Key[(f.Key.IndexOf('.', StringComparison.Ordinal) + 1)..], Type: f.Value))
            .ToList();
        var yesNo = new SortedSet<string>(StringComparer.Ordinal);
        var wrong = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(Sql).Assembly.GetTypes())
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (Column: WordBoundary().Replace(p.Name, "_").ToLowerInvariant(), IsBool: p.PropertyType == typeof(bool) || p.PropertyType == typeof(bool?)))
                .ToList();
            foreach (var table in types.GroupBy(t => t.Table))
            {
                var read = properties.Where(p => table.Any(c => c.Column == p.Column)).ToList();
                if (read.Count < 4) continue;
                foreach (var column in table.Where(c => read.Any(p => p.IsBool && p.Column == c.Column)))
                {
                    yesNo.Add($"{column.Table}.{column.Column}");
                    if (column.Type != "boolean") wrong.Add($"{column.Table}.{column.Column} is {column.Type}, read as bool by {type.Name}");
                }
            }
        }
        Assert.That(yesNo, Is.SupersetOf(new[] { "cases.warning", "permit_applications.accepted_deemed" }), "yes/no columns were found at all");
        Assert.That(wrong, Is.Empty);
    }

    /// <summary>
    /// Jurisdiction scopes are ranges of codes (<c>jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast</c>),
    /// which the plain jurisdiction indexes above seek on every database; <c>LIKE 'prefix%'</c> seeks
    /// none of SQLite's (its LIKE is case-insensitive) and needed pattern-ops indexes on PostgreSQL.
    /// </summary>
    [Test]
    public void No_statement_scopes_a_jurisdiction_with_like()
    {
        var statements = typeof(Sql).Assembly.GetTypes()
            .Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(Sql))
            .Select(f => (Name: f.DeclaringType!.Name + "." + f.Name, Text: ((Sql)f.GetValue(null)!).For(DbProvider.Sqlite)))
            .ToList();
        Assert.That(statements.Count(s => s.Text.Contains("jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast", StringComparison.Ordinal)),
            Is.GreaterThanOrEqualTo(10), "scoped statements were found at all");
        Assert.That(statements.Where(s => JurisdictionLike().IsMatch(s.Text)).Select(s => s.Name), Is.Empty);
    }

    [GeneratedRegex(@"jurisdiction\s+LIKE", RegexOptions.IgnoreCase)]
    private static partial Regex JurisdictionLike();

    [Test]
    public void The_sql_server_replay_follows_alter_drop_and_filters()
    {
        var model = SqlServerScriptModel.Replay([
            ("a", """
                  CREATE TABLE t (id uniqueidentifier NOT NULL PRIMARY KEY NONCLUSTERED, flag int NOT NULL, code varchar(12) NULL, gone int NULL);
                  CREATE UNIQUE INDEX ux_t_code ON t (code) WHERE code IS NOT NULL;
                  CREATE INDEX ix_t_flag ON t (flag DESC);
                  GO
                  """),
            ("b", """
                  ALTER TABLE t ALTER COLUMN flag bit NOT NULL;
                  ALTER TABLE t ALTER COLUMN code nvarchar(max);
                  ALTER TABLE t DROP COLUMN gone;
                  ALTER TABLE t ADD added date NOT NULL CONSTRAINT df_t_added DEFAULT '2024-01-01';
                  DROP INDEX ix_t_flag ON t;
                  EXEC sp_rename 't.code', 'kode', 'COLUMN';
                  """),
        ]);
        var facts = model.Facts().Facts;
        Assert.Multiple(() =>
        {
            Assert.That(facts["type t.flag"], Is.EqualTo("boolean"));
            Assert.That(facts["null t.flag"], Is.EqualTo("not null"));
            Assert.That(facts["type t.code"], Is.EqualTo("text"));
            Assert.That(facts["null t.code"], Is.EqualTo("null"), "ALTER COLUMN without NOT NULL makes the column nullable");
            Assert.That(facts["type t.added"], Is.EqualTo("date"));
            Assert.That(facts["primary key t"], Is.EqualTo("(id)"));
            Assert.That(facts["index ux_t_code"], Is.EqualTo("t (code) unique where code is not null"));
            Assert.That(facts, Does.Not.ContainKey("index ix_t_flag"));
            Assert.That(facts, Does.Not.ContainKey("type t.gone"));
            Assert.That(model.Unmodelled, Has.One.Contains("ExecuteStatement"), "a rename is not modelled, so it must be reported");
        });
    }

    [Test]
    public void A_difference_is_found_and_a_sqlite_type_is_only_compared_as_storage()
    {
        var sqlite = new SchemaFacts("sqlite");
        sqlite.Column("t", "flag", null, "INTEGER", nullable: false);
        var postgres = new SchemaFacts("postgres");
        postgres.Column("t", "flag", "boolean", "INTEGER", nullable: false);
        var sqlServer = new SchemaFacts("sqlserver");
        sqlServer.Column("t", "flag", "int32", "INTEGER", nullable: true);

        var keys = Differences(sqlite, postgres, sqlServer).Select(d => d.Key).ToList();
        Assert.That(keys, Is.EquivalentTo(new[] { "type t.flag", "null t.flag" }));
    }

    /// <summary>The first migration that rewrites existing columns: scripts before it are applied, rows written, then the rest.</summary>
    private const string FirstRewrite = "0010";

    private static string FileName(string resource, DbProvider provider)
    {
        var marker = $".Migrations.{Migrator.ResourceFolder(provider)}.";
        return resource[(resource.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }

    /// <summary>
    /// Rows written by the application before 0010 (yes/no columns as integers, an audit entry)
    /// are there after it, with the same meaning, and the audit trail still refuses changes.
    /// </summary>
    [TestCase("sqlite")]
    [TestCase("postgres")]
    public async Task Rows_written_before_0010_keep_their_values_after_it(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var factory = new DbConnectionFactory(db.Options);
        var p = factory.Provider;
        var before = Migrator.Scripts(p)
            .Where(s => string.CompareOrdinal(FileName(s.Name, p), FirstRewrite) < 0)
            .Select(s => new SqlScript(s.Name, s.Text)).ToList();
        Assert.That(before, Has.Count.EqualTo(9));
        if (p == DbProvider.Postgres) EnsureDatabase.For.PostgresqlDatabase(factory.ConnectionString);
        var builder = p == DbProvider.Postgres
            ? DeployChanges.To.PostgresqlDatabase(factory.ConnectionString)
            : DeployChanges.To.SqliteDatabase(factory.ConnectionString);
        var partial = builder.WithScripts(before).WithTransactionPerScript().LogToNowhere().Build().PerformUpgrade();
        Assert.That(partial.Successful, Is.True, partial.Error?.Message);

        // Literals, not parameters: one text both databases coerce into their own column types.
        const string Venue = "0b1f5c6e-0000-4000-8000-000000000001";
        const string Template = "0b1f5c6e-0000-4000-8000-000000000002";
        const string Lead = "0b1f5c6e-0000-4000-8000-000000000003";
        const string Closed = "0b1f5c6e-0000-4000-8000-000000000004";
        await using (var connection = await factory.OpenAsync())
        {
            await ExecuteAsync(connection, $"""
                INSERT INTO venues (id, jurisdiction, name, address, venue_type, license_status, created_at, updated_at, version)
                VALUES ('{Venue}', '510104', '网吧', '成都市锦江区', 'internet-cafe', 'valid', '2024-05-06T01:02:03+00:00', '2024-05-06T01:02:03+00:00', 1);
                INSERT INTO checklist_templates (id, venue_type, version, title, created_at, created_by)
                VALUES ('{Template}', 'internet-cafe', 1, '网吧检查表', '2024-05-06T01:02:03+00:00', 'admin');
                INSERT INTO inspections (id, jurisdiction, venue_id, template_id, kind, started_at, ended_at, outcome, violations,
                                         case_lead, venue_closed, recorded_by, recorded_by_name, created_at, version)
                VALUES ('{Lead}', '510104', '{Venue}', '{Template}', 'routine', '2024-05-06T01:02:03+00:00', '2024-05-06T02:02:03+00:00',
                        'case-lead', 2, 1, 0, 'u1', '张三', '2024-05-06T02:02:03+00:00', 1);
                INSERT INTO inspections (id, jurisdiction, venue_id, template_id, kind, started_at, ended_at, outcome, violations,
                                         case_lead, venue_closed, recorded_by, recorded_by_name, created_at, version)
                VALUES ('{Closed}', '510104', '{Venue}', '{Template}', 'routine', '2024-05-07T01:02:03+00:00', '2024-05-07T02:02:03+00:00',
                        'closed', 1, 0, 1, 'u1', '张三', '2024-05-07T02:02:03+00:00', 1);
                INSERT INTO audit_entries (id, occurred_at, user_id, user_name, role, jurisdiction, command, entity_type, entity_id, payload)
                VALUES ('0b1f5c6e-0000-4000-8000-000000000005', '2024-05-06T02:02:03+00:00', 'u1', '张三', 'officer', '510104',
                        'RecordInspection', 'inspection', '{Lead}', '[]');
                """);
        }

        Migrator.Migrate(db.Options);

        await using (var connection = await factory.OpenAsync())
        {
            var flags = await RowsAsync(connection, "SELECT case_lead, venue_closed FROM inspections ORDER BY started_at");
            Assert.That(flags.Select(r => (Convert.ToBoolean(r[0], System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToBoolean(r[1], System.Globalization.CultureInfo.InvariantCulture))),
                Is.EqualTo(new[] { (true, false), (false, true) }));
            Assert.That(await RowsAsync(connection, "SELECT id FROM venues"), Has.Count.EqualTo(1));
            Assert.That(await RowsAsync(connection, "SELECT id FROM audit_entries"), Has.Count.EqualTo(1));
            Assert.That(async () => await ExecuteAsync(connection, "DELETE FROM audit_entries"), Throws.InstanceOf<DbException>(),
                "the audit trail is still append-only");
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<object[]>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
