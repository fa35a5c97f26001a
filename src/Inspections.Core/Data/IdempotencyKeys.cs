using Inspections.Core.Common;

namespace Inspections.Core.Data;

/// <summary>
/// The stored side of Idempotency-Key: one row per user and key, claimed by the request that runs
/// it (owner_token), marked committed inside that request's own transaction, and completed with
/// the answer to replay. Each call here runs on its own connection, outside the command's transaction,
/// except <see cref="MarkCommittedAsync"/>, which must run inside it.
/// </summary>
public sealed class IdempotencyKeys(DbConnectionFactory factory)
{
    public sealed class Row
    {
        public string Method { get; init; } = "";
        public string Path { get; init; } = "";
        public string RequestSha256 { get; init; } = "";
        public Guid OwnerToken { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ClaimedAt { get; init; }
        public DateTimeOffset? CommittedAt { get; init; }
        public int? StatusCode { get; init; }
        public string? ResponseHeaders { get; init; }
        public string? ResponseBody { get; init; }
    }

    private static readonly Sql DeleteExpiredKey = new("""
        DELETE FROM idempotency_keys WHERE user_id = @UserId AND idem_key = @Key AND created_at < @Cutoff
        """);

    private static readonly Sql Insert = new("""
        INSERT INTO idempotency_keys (user_id, idem_key, method, path, request_sha256, owner_token, created_at, claimed_at)
        VALUES (@UserId, @Key, @Method, @Path, @Hash, @Token, @Now, @Now)
        """);

    private static readonly Sql Select = new("""
        SELECT method, path, request_sha256, owner_token, created_at, claimed_at, committed_at, status_code, response_headers, response_body
        FROM idempotency_keys WHERE user_id = @UserId AND idem_key = @Key
        """);

    private static readonly Sql TakeOver = new("""
        UPDATE idempotency_keys SET owner_token = @Token, claimed_at = @Now
        WHERE user_id = @UserId AND idem_key = @Key AND owner_token = @Previous AND committed_at IS NULL AND status_code IS NULL
        """);

    private static readonly Sql MarkCommitted = new("""
        UPDATE idempotency_keys SET committed_at = @Now
        WHERE user_id = @UserId AND idem_key = @Key AND owner_token = @Token
        """);

    private static readonly Sql Complete = new("""
        UPDATE idempotency_keys SET status_code = @Status, response_headers = @Headers, response_body = @Body, completed_at = @Now
        WHERE user_id = @UserId AND idem_key = @Key AND owner_token = @Token
        """);

    private static readonly Sql Release = new("""
        DELETE FROM idempotency_keys WHERE user_id = @UserId AND idem_key = @Key AND owner_token = @Token AND committed_at IS NULL
        """);

    private static readonly Sql Purge = new("DELETE FROM idempotency_keys WHERE created_at < @Cutoff");

    private async Task<T> RunAsync<T>(Func<DbSession, Task<T>> work)
    {
        var session = new DbSession(factory);
        await using (session) return await work(session);
    }

    /// <summary>Inserts the claim; throws the database's unique violation when the key is held already.</summary>
    public Task<int> ClaimAsync(string userId, string key, string method, string path, string hash, Guid token,
        DateTimeOffset now, DateTimeOffset cutoff, CancellationToken ct) => RunAsync(async db =>
    {
        await db.ExecuteAsync(DeleteExpiredKey, new { UserId = userId, Key = key, Cutoff = cutoff }, ct);
        return await db.ExecuteAsync(Insert, new { UserId = userId, Key = key, Method = method, Path = path, Hash = hash, Token = token, Now = now }, ct);
    });

    public Task<Row?> FindAsync(string userId, string key, CancellationToken ct) =>
        RunAsync(db => db.QuerySingleOrDefaultAsync<Row>(Select, new { UserId = userId, Key = key }, ct));

    /// <summary>Takes over a claim whose request vanished before committing; false when someone else moved first.</summary>
    public Task<bool> TakeOverAsync(string userId, string key, Guid previous, Guid token, DateTimeOffset now, CancellationToken ct) =>
        RunAsync(async db => await db.ExecuteAsync(TakeOver, new { UserId = userId, Key = key, Previous = previous, Token = token, Now = now }, ct) == 1);

    /// <summary>
    /// Runs inside the command's transaction: the key is marked committed with the writes, and a
    /// request whose claim was taken over meanwhile is refused (and rolled back) instead of writing twice.
    /// </summary>
    public static async Task MarkCommittedAsync(DbSession db, string userId, string key, Guid token, DateTimeOffset now, CancellationToken ct)
    {
        var changed = await db.ExecuteAsync(MarkCommitted, new { UserId = userId, Key = key, Token = token, Now = now }, ct);
        if (changed == 0)
            throw new ConflictException("使用同一 Idempotency-Key 的重试已接手此请求，本次提交未保存。",
                "A retry with the same Idempotency-Key took this request over; this attempt was not saved.");
    }

    public Task CompleteAsync(string userId, string key, Guid token, int status, string headers, string body, DateTimeOffset now, CancellationToken ct) =>
        RunAsync(db => db.ExecuteAsync(Complete, new { UserId = userId, Key = key, Token = token, Status = status, Headers = headers, Body = body, Now = now }, ct));

    /// <summary>Frees the key of a request that wrote nothing, so a retry runs afresh; false when it had committed.</summary>
    public Task<bool> ReleaseAsync(string userId, string key, Guid token, CancellationToken ct) =>
        RunAsync(async db => await db.ExecuteAsync(Release, new { UserId = userId, Key = key, Token = token }, ct) == 1);

    public Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken ct) =>
        RunAsync(db => db.ExecuteAsync(Purge, new { Cutoff = cutoff }, ct));
}
