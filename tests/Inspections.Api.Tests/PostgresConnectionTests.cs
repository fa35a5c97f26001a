using DbUp;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Npgsql;

namespace Inspections.Api.Tests;

/// <summary>
/// What the host adds to a PostgreSQL connection string: JIT off, and statements prepared on the physical connection once
/// they have run a few times (kept across pooled opens), unless the connection string says otherwise.
/// </summary>
public sealed class PostgresConnectionTests
{
    private TestDatabase? _database;

    [SetUp]
    public async Task Create()
    {
        _database = await TestDatabase.CreateAsync("postgres");
        EnsureDatabase.For.PostgresqlDatabase(_database.Options.ConnectionString);
    }

    [TearDown]
    public async Task Drop()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    private static readonly Sql Probe = new("SELECT 40 + @N");
    private static readonly Sql Prepared = new("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement LIKE 'SELECT 40 + $1%'");
    private static readonly Sql Jit = new("SELECT current_setting('jit')");

    /// <summary>Runs the probe <paramref name="times"/> times, each on a session of its own (an open from the pool), then reads the connection's state.</summary>
    private static async Task<(long Prepared, string Jit)> RunAsync(DbConnectionFactory factory, int times)
    {
        for (var n = 0; n < times; n++)
        {
            await using var db = new DbSession(factory);
            Assert.That(await db.ExecuteScalarAsync<int>(Probe, new { N = n }, CancellationToken.None), Is.EqualTo(40 + n));
        }
        await using var last = new DbSession(factory);
        return (await last.ExecuteScalarAsync<long>(Prepared, null, CancellationToken.None), await last.ExecuteScalarAsync<string>(Jit, null, CancellationToken.None));
    }

    [Test]
    public async Task A_statement_run_often_is_prepared_once_on_its_connection_and_jit_is_off()
    {
        var factory = new DbConnectionFactory(_database!.Options);
        var builder = new NpgsqlConnectionStringBuilder(factory.ConnectionString);
        var (prepared, jit) = await RunAsync(factory, 8);
        Assert.Multiple(() =>
        {
            Assert.That(builder.MaxAutoPrepare, Is.EqualTo(DbConnectionFactory.AutoPrepared));
            Assert.That(prepared, Is.EqualTo(1), "the probe, prepared once and reused by every later open of the pooled connection");
            Assert.That(jit, Is.EqualTo("off"));
        });
    }

    [Test]
    public async Task A_connection_string_that_turns_preparing_off_is_obeyed()
    {
        var options = _database!.Options;
        var factory = new DbConnectionFactory(new DatabaseOptions
        {
            Provider = options.Provider,
            ConnectionString = options.ConnectionString + ";Max Auto Prepare=0",
        });
        var (prepared, _) = await RunAsync(factory, 8);
        Assert.That(prepared, Is.Zero);
    }
}
