using Dapper;

namespace Inspections.Core.Data;

/// <summary>
/// The data-protection key ring 数据保护密钥 as rows of <c>data_protection_keys</c>: every API instance on the database
/// reads and adds the same keys, so a sign-in cookie or anti-forgery token sealed on one instance opens on any other.
/// Read and written rarely (at start-up and when a key is due), on a connection of its own.
/// </summary>
public static class DataProtectionKeys
{
    private static readonly Sql SelectAll = new("SELECT xml FROM data_protection_keys ORDER BY stored_at, name");

    private static readonly Sql Insert = new(d => d.InsertIfAbsent("data_protection_keys", "name, xml, stored_at", "@Name, @Xml, @Now", "name"));

    /// <summary>
    /// Held while an instance first reads or creates the key ring, so instances started at the same moment on an empty
    /// database create one first key between them, not one each. SQLite is one machine's database: one writer already.
    /// </summary>
    private static readonly Sql Lock = new(d => d.Provider switch
    {
        DbProvider.Postgres => "SELECT pg_advisory_xact_lock(20280001)",
        DbProvider.SqlServer => "EXEC sp_getapplock @Resource = 'inspections-data-protection-keys', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000",
        _ => "SELECT 1",
    });

    public static IReadOnlyList<string> ReadAll(DbConnectionFactory factory)
    {
        using var connection = factory.OpenAsync().GetAwaiter().GetResult();
        return connection.Query<string>(SelectAll.For(factory.Provider)).AsList();
    }

    public static void Store(DbConnectionFactory factory, string name, string xml, DateTimeOffset now)
    {
        using var connection = factory.OpenAsync().GetAwaiter().GetResult();
        connection.Execute(Insert.For(factory.Provider), new { Name = name, Xml = xml, Now = now });
    }

    /// <summary>Runs <paramref name="firstUse"/> while holding the key ring's lock (PostgreSQL, SQL Server).</summary>
    public static async Task UnderLockAsync(DbConnectionFactory factory, Action firstUse, CancellationToken ct)
    {
        await using var db = new DbSession(factory);
        if (factory.Provider != DbProvider.Sqlite)
        {
            await db.BeginAsync(ct);
            await db.ExecuteAsync(Lock, null, ct);
        }
        firstUse();
        await db.CommitAsync(ct);
    }
}
