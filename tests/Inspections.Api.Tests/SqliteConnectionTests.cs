using Inspections.Core.Data;
using Microsoft.Data.Sqlite;

namespace Inspections.Api.Tests;

/// <summary>
/// SQLite's connection settings (WAL, busy timeout, NORMAL sync) are set once per physical connection: a connection
/// handed back by the pool keeps them, and one opened after the pool was emptied gets them afresh.
/// </summary>
public sealed class SqliteConnectionTests
{
    private string _folder = "";

    [SetUp]
    public void Folder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "inspections-sqlite-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void Remove()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private static async Task<(object Handle, string Journal, long Timeout, long Sync)> OpenAndReadAsync(DbConnectionFactory factory)
    {
        await using var connection = (SqliteConnection)await factory.OpenAsync();
        async Task<object?> Read(string pragma)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragma;
            return await command.ExecuteScalarAsync();
        }
        return (connection.Handle!, (string)(await Read("PRAGMA journal_mode"))!, (long)(await Read("PRAGMA busy_timeout"))!,
            (long)(await Read("PRAGMA synchronous"))!);
    }

    [Test]
    public async Task A_pooled_connection_keeps_the_settings_and_a_new_physical_connection_gets_them()
    {
        var factory = new DbConnectionFactory(new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(_folder, "t.db")}" });
        var first = await OpenAndReadAsync(factory);
        var pooled = await OpenAndReadAsync(factory);
        SqliteConnection.ClearAllPools();
        var fresh = await OpenAndReadAsync(factory);
        Assert.Multiple(() =>
        {
            Assert.That(pooled.Handle, Is.SameAs(first.Handle), "the pool hands back the same native connection");
            Assert.That(fresh.Handle, Is.Not.SameAs(first.Handle), "an emptied pool opens a new one");
            foreach (var (name, read) in new[] { ("first", first), ("pooled", pooled), ("fresh", fresh) })
                Assert.That((read.Journal, read.Timeout, read.Sync), Is.EqualTo(("wal", 30000L, 1L)), name);
        });
    }
}
