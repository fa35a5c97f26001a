using Inspections.Core.Data;
using Npgsql;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>
/// A real, empty database for one fixture: a SQLite file in a temp folder, or a fresh database on
/// the PostgreSQL server named by INSPECTIONS_TEST_POSTGRES (or SQL Server by INSPECTIONS_TEST_SQLSERVER).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "INSPECTIONS_TEST_POSTGRES";
    public const string SqlServerVariable = "INSPECTIONS_TEST_SQLSERVER";

    public DatabaseOptions Options { get; }
    private readonly Func<Task> _drop;

    private TestDatabase(DatabaseOptions options, Func<Task> drop)
    {
        Options = options;
        _drop = drop;
    }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates the database, or ignores the test (fails it in CI) when its server is not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        switch (provider)
        {
            case "sqlite":
                var dir = Path.Combine(Path.GetTempPath(), "inspections-tests", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(dir);
                return new TestDatabase(
                    new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(dir, "test.db")}" },
                    () =>
                    {
                        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
                        return Task.CompletedTask;
                    });
            case "postgres":
                var server = Required(PostgresVariable, "PostgreSQL");
                var name = "inspections_test_" + Guid.NewGuid().ToString("N")[..12];
                var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
                return new TestDatabase(new DatabaseOptions { Provider = "postgres", ConnectionString = cs }, async () =>
                {
                    NpgsqlConnection.ClearAllPools();
                    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString());
                    await admin.OpenAsync();
                    await using var drop = admin.CreateCommand();
#pragma warning disable DAP241 // the name is generated above, never user input; DDL takes no parameters
                    drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
#pragma warning restore DAP241
                    await drop.ExecuteNonQueryAsync();
                });
            case "sqlserver":
                var sqlServer = Required(SqlServerVariable, "SQL Server");
                var dbName = "inspections_test_" + Guid.NewGuid().ToString("N")[..12];
                var scs = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(sqlServer) { InitialCatalog = dbName }.ToString();
                return new TestDatabase(new DatabaseOptions { Provider = "sqlserver", ConnectionString = scs }, async () =>
                {
                    Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
                    await using var admin = new Microsoft.Data.SqlClient.SqlConnection(
                        new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(sqlServer) { InitialCatalog = "master" }.ToString());
                    await admin.OpenAsync();
                    await using var drop = admin.CreateCommand();
#pragma warning disable DAP241 // generated name, as above
                    drop.CommandText = $"ALTER DATABASE [{dbName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{dbName}]";
#pragma warning restore DAP241
                    await drop.ExecuteNonQueryAsync();
                });
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    private static string Required(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        if (InCi && variable == PostgresVariable)
            Assert.Fail($"{what} tests must run in CI, but {variable} is not set.");
        Assert.Ignore($"{what} not configured: set {variable} to a connection string to run these tests.");
        throw new InvalidOperationException("unreachable");
    }

    public async ValueTask DisposeAsync() => await _drop();
}

/// <summary>The providers every API test fixture runs against.</summary>
public static class Providers
{
    public static readonly string[] All = ["sqlite", "postgres", "sqlserver"];

    /// <summary>Every provider with each evidence store: the folder (one machine) and the database (several instances).</summary>
    public static readonly object[] WithEvidenceStores =
        [.. All.SelectMany(p => new[] { "folder", "database" }.Select(s => new object[] { p, s }))];
}
