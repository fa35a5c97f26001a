using System.Collections.Concurrent;
using Inspections.Core.Data;

namespace Inspections.Core.Features.Users;

/// <summary>
/// The standing (active, version, password to change) of the users whose requests this instance admits, read from the
/// users table and kept for <see cref="Lifetime"/> so that a burst of requests from one user reads the row once.
/// A command about a user (any command whose audit subject is a user: deactivating, changing roles, jurisdiction or the
/// password) forgets that user's standing as it commits, so on this instance the very next request reads the row again
/// and is refused. Another instance behind the same database learns of the change when its copy runs out, at most
/// <see cref="Lifetime"/> later (Auth:UserCheckSeconds; 0 reads the row on every request).
/// </summary>
public sealed class UserStandings(TimeSpan lifetime)
{
    /// <summary>The audit entity type of the commands that change a user.</summary>
    public const string EntityType = "user";

    private const int MaxEntries = 10_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long _lifetimeMs = (long)lifetime.TotalMilliseconds;
    private long _forgotten;

    public TimeSpan Lifetime => lifetime;

    private sealed record Entry(UserRecord.Standing Standing, long ReadAt);

    /// <summary>
    /// The user's standing: the kept copy while it is fresh and agrees with the version the caller signed in with;
    /// otherwise the row, read again. A copy that disagrees may be older than the sign-in (another instance changed the
    /// password and sealed the new session), so it is never the reason to refuse.
    /// </summary>
    internal ValueTask<UserRecord.Standing?> GetAsync(DbSession db, string userId, long signedInVersion, CancellationToken ct)
    {
        // Real elapsed time, whatever the application's clock says (tests move it).
        var now = Environment.TickCount64;
        // The kept copy (nearly every request) is answered as it is, without a task of its own.
        if (_lifetimeMs > 0 && _entries.TryGetValue(userId, out var entry) && now - entry.ReadAt < _lifetimeMs
            && entry.Standing.Active && entry.Standing.Version == signedInVersion) return new(entry.Standing);
        return ReadAsync(db, userId, now, ct);
    }

    private async ValueTask<UserRecord.Standing?> ReadAsync(DbSession db, string userId, long now, CancellationToken ct)
    {
        if (_lifetimeMs <= 0) return await UserRecord.StandingAsync(db, userId, ct);
        var forgotten = Interlocked.Read(ref _forgotten);
        var standing = await UserRecord.StandingAsync(db, userId, ct);
        if (standing is null) return null;
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[userId] = new Entry(standing, now);
        // A change committed while the row was being read may have been read before it: keep nothing then.
        if (Interlocked.Read(ref _forgotten) != forgotten) _entries.TryRemove(userId, out _);
        return standing;
    }

    /// <summary>Called once a command about <paramref name="entityType"/> <paramref name="entityId"/> has committed.</summary>
    public void Committed(string entityType, string entityId)
    {
        if (entityType != EntityType) return;
        Interlocked.Increment(ref _forgotten);
        _entries.TryRemove(entityId, out _);
    }
}
