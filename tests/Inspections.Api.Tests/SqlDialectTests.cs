using System.Data.Common;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;

namespace Inspections.Api.Tests;

/// <summary>"Insert if absent" on each real database: a key conflict writes nothing, any other failure still fails.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class SqlDialectTests(string provider)
{
    private TestDatabase? _database;
    private DbConnectionFactory _factory = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await TestDatabase.CreateAsync(provider);
        Migrator.Migrate(_database.Options); // creates the database where the server needs it created
        _factory = new DbConnectionFactory(_database.Options);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        // Null when the provider's server is not configured and the fixture was ignored.
        if (_database is not null) await _database.DisposeAsync();
    }

    private async Task<DbConnection> CounterTableAsync(string table)
    {
        var connection = await _factory.OpenAsync();
        await RunAsync(connection, $"CREATE TABLE {table} (jurisdiction VARCHAR(6) NOT NULL, year INTEGER NOT NULL, last_seq INTEGER NOT NULL, PRIMARY KEY (jurisdiction, year))");
        return connection;
    }

    /// <summary>Runs a statement with positional values bound as @Jurisdiction, @Year, @LastSeq; answers the rows it changed.</summary>
    private static async Task<int> RunAsync(DbConnection connection, string sql, string? jurisdiction = null, int? year = null, int? lastSeq = null)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the test's own constant text; the values are parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in new (string, object?)[] { ("Jurisdiction", jurisdiction), ("Year", year), ("LastSeq", lastSeq) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the test's own constant text
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Insert(string table) =>
        _factory.Dialect.InsertIfAbsent(table, "jurisdiction, year, last_seq", "@Jurisdiction, @Year, @LastSeq", "jurisdiction", "year");

    [Test]
    public async Task A_row_with_the_same_key_is_left_as_it_is()
    {
        await using var connection = await CounterTableAsync("absent_twice");
        Assert.That(await RunAsync(connection, Insert("absent_twice"), "110101", 2026, 7), Is.EqualTo(1));
        Assert.That(await RunAsync(connection, Insert("absent_twice"), "110101", 2026, 0), Is.EqualTo(0));
        Assert.That(await RunAsync(connection, Insert("absent_twice"), "110101", 2027, 0), Is.EqualTo(1));
        Assert.That(await ScalarAsync(connection, "SELECT last_seq FROM absent_twice WHERE year = 2026"), Is.EqualTo(7));
    }

    [Test]
    public async Task A_missing_value_is_not_swallowed_as_a_conflict()
    {
        await using var connection = await CounterTableAsync("absent_null");
        Assert.That(async () => await RunAsync(connection, Insert("absent_null"), "110101", 2026, lastSeq: null),
            Throws.InstanceOf<DbException>());
        Assert.That(await ScalarAsync(connection, "SELECT COUNT(*) FROM absent_null"), Is.Zero);
    }
}
