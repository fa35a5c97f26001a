using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Inspections.Core.Data;

/// <summary>Opens connections to the configured database.</summary>
public sealed class DbConnectionFactory
{
    public DbProvider Provider { get; }
    public string ConnectionString { get; }
    public SqlDialect Dialect { get; }

    public DbConnectionFactory(DatabaseOptions options)
    {
        Provider = options.ParsedProvider;
        ConnectionString = Normalise(Provider, options.EffectiveConnectionString, options.ConnectTimeoutSeconds);
        Dialect = SqlDialect.For(Provider);
        DapperSetup.EnsureRegistered();
    }

    private static readonly string[] TimeoutKeywords = ["timeout", "connect timeout", "connection timeout"];
    private static readonly string[] AutoPrepareKeywords = ["max auto prepare", "maxautoprepare"];

    /// <summary>How many statements each PostgreSQL connection keeps prepared (the most used, when the host runs more).</summary>
    public const int AutoPrepared = 256;

    private static string Normalise(DbProvider provider, string connectionString, int connectTimeoutSeconds)
    {
        if (provider != DbProvider.Sqlite)
        {
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            var setTimeout = connectTimeoutSeconds > 0 && !TimeoutKeywords.Any(given.ContainsKey);
            if (provider == DbProvider.Postgres)
            {
                var pg = new NpgsqlConnectionStringBuilder(connectionString);
                if (setTimeout) pg.Timeout = connectTimeoutSeconds;
                // PostgreSQL compiles a statement whose estimated cost is high with JIT. The figures' grouped statements
                // join a JSON list of buckets the planner guesses at a hundred rows, so a district's half-year (30 ms of
                // index reads) spent 300 ms compiling. Our statements are short: JIT off, unless Options says otherwise
                // (behind PgBouncer, list "options" in its ignore_startup_parameters, or set jit = off for the role).
                if (!given.ContainsKey("options")) pg.Options = "-c jit=off";
                // Each statement is planned afresh unless prepared: a venue update's clock lookups spent 1–1.4 ms planning a
                // UNION of joins that runs in 0.03 ms. Npgsql prepares a statement on the physical connection once it has run
                // five times and keeps the prepared ones across pooled opens. "Max Auto Prepare=0" turns this off (behind
                // PgBouncer in transaction mode older than 1.21, which cannot keep prepared statements).
                if (!AutoPrepareKeywords.Any(given.ContainsKey)) pg.MaxAutoPrepare = AutoPrepared;
                return pg.ToString();
            }
            return setTimeout ? new SqlConnectionStringBuilder(connectionString) { ConnectTimeout = connectTimeoutSeconds }.ToString() : connectionString;
        }
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (dir is not null) Directory.CreateDirectory(dir);
        }
        return builder.ToString();
    }

    /// <summary>The native connections (sqlite3 handles) already set up: a pooled open hands back the same one.</summary>
    private static readonly ConditionalWeakTable<object, object> SetUp = new();

    /// <summary>
    /// WAL lets readers run beside the single writer; busy_timeout makes writers queue instead of failing; NORMAL sync is
    /// safe under WAL. These hold for the native connection's life, and the pool reuses native connections: they are set
    /// once per physical connection, not on every open from the pool.
    /// </summary>
    private static async Task SetUpOnceAsync(SqliteConnection connection, CancellationToken ct)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("An open SQLite connection has no handle.");
        if (SetUp.TryGetValue(handle, out _)) return;
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync(ct);
        SetUp.AddOrUpdate(handle, SetUp);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection connection = Provider switch
        {
            DbProvider.Sqlite => new SqliteConnection(ConnectionString),
            DbProvider.Postgres => new NpgsqlConnection(ConnectionString),
            DbProvider.SqlServer => new SqlConnection(ConnectionString),
            _ => throw new InvalidOperationException(),
        };
        try
        {
            await connection.OpenAsync(ct);
            if (connection is SqliteConnection sqlite) await SetUpOnceAsync(sqlite, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
