using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace Inspections.Api.Infrastructure;

/// <summary>Bound from "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>How long a key is remembered; a retry after that runs afresh.</summary>
    public double RetentionHours { get; set; } = 24;

    /// <summary>How long a retry waits for the first request with its key before answering 409.</summary>
    public double WaitSeconds { get; set; } = 10;

    /// <summary>After this long without committing, a claim is taken to be abandoned (its process died) and a retry takes it over.</summary>
    public double LeaseSeconds { get; set; } = 60;
}

/// <summary>
/// An endpoint whose request or answer carries a secret (a password, a token): it takes no
/// Idempotency-Key, so neither a hash of its body nor its answer is ever kept. Retrying such a
/// request is safe without one (signing in again, a new token) or refused as a duplicate (a user's login name).
/// </summary>
public sealed class WithoutIdempotencyKey
{
    public static readonly WithoutIdempotencyKey Instance = new();
    private WithoutIdempotencyKey() { }
}

public static class IdempotencyEndpoints
{
    public static RouteHandlerBuilder WithoutIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(Infrastructure.WithoutIdempotencyKey.Instance);
}

/// <summary>
/// Idempotency-Key on POST: a client that timed out and sends the same request again with the same
/// key gets the first answer (status, body, Location) and nothing is created twice, even when the
/// retry races the original. The key is claimed in its own row before the command runs and marked
/// committed inside the command's transaction, so "written" and "key used" cannot disagree.
/// Only successful answers are kept: a request that failed wrote nothing, and its retry runs again.
/// </summary>
public sealed partial class IdempotencyMiddleware(
    RequestDelegate next, IdempotencyKeys keys, IdempotencyOptions options, IProblemDetailsService problems,
    TimeProvider clock, ILogger<IdempotencyMiddleware> logger)
{
    private static readonly string[] ReplayedHeaders = ["Location", "Content-Type"];
    private long _nextPurgeTicks;

    // Not async: a request without a key (every read, most writes) goes on without a state machine of its own.
    public Task InvokeAsync(HttpContext http) =>
        !HttpMethods.IsPost(http.Request.Method)
        || !http.Request.Headers.TryGetValue(IdempotencyOptions.Header, out var values)
        || http.User.Identity?.IsAuthenticated != true
        || http.GetEndpoint()?.Metadata.GetMetadata<WithoutIdempotencyKey>() is not null
            ? next(http)
            : KeyedAsync(http, values);

    private async Task KeyedAsync(HttpContext http, StringValues values)
    {
        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (key.Length is 0 or > IdempotencyOptions.MaxKeyLength || key.Any(char.IsControl))
        {
            // A 400 is a validation problem everywhere: the header is the field in error.
            var message = Text.Pick($"Idempotency-Key 须为 1–{IdempotencyOptions.MaxKeyLength} 个字符、只出现一次且不含控制字符。",
                $"Send one Idempotency-Key of 1–{IdempotencyOptions.MaxKeyLength} characters without control characters.");
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [IdempotencyOptions.Header] = [message] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = Text.Pick("Idempotency-Key 请求头无效", "Invalid Idempotency-Key header"),
                    Detail = message,
                    Extensions = { ["errorCount"] = 1 },
                },
            });
            return;
        }

        var user = UserKey(http.User.FindFirst(ClaimNames.UserId)?.Value ?? "");
        var method = http.Request.Method.ToUpperInvariant();
        var path = (http.Request.PathBase + http.Request.Path + http.Request.QueryString).ToString();
        if (path.Length > 2000) path = path[..2000];
        var hash = await BodyHashAsync(http.Request, http.RequestAborted);
        var ct = http.RequestAborted;
        await PurgeNowAndThenAsync(ct);

        var waitUntil = clock.GetUtcNow().AddSeconds(options.WaitSeconds);
        while (true)
        {
            var now = clock.GetUtcNow();
            var token = Guid.NewGuid();
            try
            {
                await keys.ClaimAsync(user, key, method, path, hash, token, now, now.AddHours(-options.RetentionHours), ct);
                await RunAsync(http, user, key, token);
                return;
            }
            catch (Exception e) when (DbErrors.IsUniqueViolation(e)) { }

            var held = await keys.FindAsync(user, key, ct);
            if (held is null) continue; // the holder failed and let go between our insert and our read: claim again
            if (held.Method != method || held.Path != path || !held.RequestSha256.Trim().Equals(hash, StringComparison.Ordinal))
            {
                await ProblemAsync(http, StatusCodes.Status422UnprocessableEntity,
                    Text.Pick("Idempotency-Key 已用于另一请求", "Idempotency-Key reused"),
                    Text.Pick("该 Idempotency-Key 已用于内容不同的请求；新的请求请使用新的键。",
                        "This Idempotency-Key was used for a different request; send a new key with a new request."));
                return;
            }
            if (held.StatusCode is { } status)
            {
                await ReplayAsync(http, status, held.ResponseHeaders, held.ResponseBody);
                return;
            }
            if (held.CommittedAt is null && held.ClaimedAt < now.AddSeconds(-options.LeaseSeconds)
                && await keys.TakeOverAsync(user, key, held.OwnerToken, token, now, ct))
            {
                await RunAsync(http, user, key, token);
                return;
            }
            if (now >= waitUntil)
            {
                http.Response.Headers.RetryAfter = "1";
                await ProblemAsync(http, StatusCodes.Status409Conflict,
                    Text.Pick("请求正在处理", "Request in progress"),
                    Text.Pick("使用同一 Idempotency-Key 的请求仍在处理中，请稍后用同一键重试以取得其结果。",
                        "A request with this Idempotency-Key is still being processed; retry with the same key shortly for its result."));
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
    }

    private async Task RunAsync(HttpContext http, string user, string key, Guid token)
    {
        var session = http.RequestServices.GetRequiredService<DbSession>();
        session.BeforeCommit((db, ct) => IdempotencyKeys.MarkCommittedAsync(db, user, key, token, clock.GetUtcNow(), ct));

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        catch
        {
            http.Response.Body = original;
            await LetGoAsync(user, key, token);
            throw;
        }
        http.Response.Body = original;

        var status = http.Response.StatusCode;
        // A failure wrote nothing (the command rolled back), so its retry runs afresh; unless it had committed after all.
        if (status is < 200 or > 299 && await LetGoAsync(user, key, token))
        {
            await CopyAsync(buffer, original, http.RequestAborted);
            return;
        }
        try
        {
            var headers = JsonSerializer.Serialize(ReplayedHeaders
                .Where(h => http.Response.Headers.ContainsKey(h))
                .ToDictionary(h => h, h => http.Response.Headers[h].ToString()));
            await keys.CompleteAsync(user, key, token, status, headers, Encoding.UTF8.GetString(buffer.ToArray()), clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (ProblemMapping.IsUnavailable(e))
        {
            // The write is saved; only its replay copy is not. The caller still gets the answer.
            LogNotStored(e, key);
        }
        await CopyAsync(buffer, original, http.RequestAborted);
    }

    private async Task<bool> LetGoAsync(string user, string key, Guid token)
    {
        try { return await keys.ReleaseAsync(user, key, token, CancellationToken.None); }
        catch (Exception e) when (ProblemMapping.IsUnavailable(e))
        {
            // The claim stays until its lease runs out; then a retry takes it over.
            LogNotStored(e, key);
            return true;
        }
    }

    private static async Task CopyAsync(MemoryStream buffer, Stream body, CancellationToken ct)
    {
        buffer.Position = 0;
        await buffer.CopyToAsync(body, ct);
    }

    private static async Task ReplayAsync(HttpContext http, int status, string? headers, string? body)
    {
        http.Response.StatusCode = status;
        if (headers is { Length: > 0 })
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(headers) ?? [])
                http.Response.Headers[name] = value;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (body is { Length: > 0 }) await http.Response.WriteAsync(body, Encoding.UTF8, http.RequestAborted);
    }

    private async Task ProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The same body, byte for byte, is the same request.</summary>
    private static async Task<string> BodyHashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>User ids fit the column; a longer one is kept as its hash.</summary>
    private static string UserKey(string userId) => userId.Length <= 100
        ? userId
        : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));

    /// <summary>Expired keys are deleted at most once an hour per process, by whichever request comes by.</summary>
    private async Task PurgeNowAndThenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, now.AddHours(1).UtcTicks, due) != due) return;
        try { await keys.PurgeAsync(now.AddHours(-options.RetentionHours), ct); }
        catch (Exception e) when (ProblemMapping.IsUnavailable(e)) { LogNotStored(e, "(purge)"); }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key {Key} could not be updated; the database is unavailable")]
    private partial void LogNotStored(Exception exception, string key);
}
