using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Inspections.Core.Data;

/// <summary>
/// A lock held by the session's transaction until it commits or rolls back, for a check-then-insert that a unique
/// index cannot guard (e.g. "no other venue of the district has this licence number"): two transactions taking the
/// same name run one after the other, so the second one's check sees the first one's row.
/// <list type="bullet">
/// <item>PostgreSQL: <c>pg_advisory_xact_lock</c> on a 64-bit key derived from the name (SHA-256, so every host derives the same key).</item>
/// <item>SQL Server: <c>sp_getapplock</c> owned by the transaction.</item>
/// <item>SQLite: nothing to take — a command's transaction begins as a write transaction (<c>BEGIN IMMEDIATE</c>),
/// so writers already run one at a time, from their first statement.</item>
/// </list>
/// </summary>
public static class DbLocks
{
    private static readonly Sql Exclusive = new(d => d.Provider switch
    {
        DbProvider.Postgres => "SELECT 1 FROM (SELECT pg_advisory_xact_lock(@Key)) AS l",
        DbProvider.SqlServer => """
            DECLARE @result int;
            EXEC @result = sp_getapplock @Resource = @Name, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000;
            SELECT @result;
            """,
        _ => "SELECT 0",
    });

    /// <summary>Takes the lock named <paramref name="name"/> for the rest of the session's transaction (waits while another holds it).</summary>
    public static async Task HoldAsync(DbSession db, string name, CancellationToken ct)
    {
        if (db.Transaction is null) throw new InvalidOperationException("A lock is held by a transaction: begin one first.");
        if (db.Provider == DbProvider.Sqlite) return;
        var result = await db.ExecuteScalarAsync<object?>(Exclusive, new { Key = Key(name), Name = name }, ct);
        // sp_getapplock answers 0 or 1 when granted, below 0 on a timeout or deadlock.
        if (db.Provider == DbProvider.SqlServer && Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture) < 0)
            throw new TimeoutException($"The lock '{name}' was not granted within 30 seconds.");
    }

    /// <summary>The first eight bytes of the name's SHA-256, as PostgreSQL's bigint advisory key.</summary>
    public static long Key(string name) => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
}
