namespace Inspections.Core.Common;

/// <summary>The row asked for does not exist. Maps to 404. Entity names in Chinese and English: ("场所", "venue").</summary>
public sealed class NotFoundException(string entityZh, string entityEn, object id)
    : Exception($"The {entityEn} {id} was not found.")
{
    public string EntityZh { get; } = entityZh;
    public string EntityEn { get; } = entityEn;
    public object Id { get; } = id;
}

/// <summary>The caller may not do this to this row. Maps to 403.</summary>
public sealed class ForbiddenException(string messageZh, string messageEn) : Exception(messageEn)
{
    private readonly string _zh = messageZh;
    public string Detail => Text.Pick(_zh, Message);
}

/// <summary>The row changed since the caller read it, or the action does not fit its state. Maps to 409.</summary>
public sealed class ConflictException(string messageZh, string messageEn, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(messageEn)
{
    private readonly string _zh = messageZh;
    public string Detail => Text.Pick(_zh, Message);
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public static ConflictException StaleVersion(string entityZh, string entityEn, long expected, long? actual) => new(
        $"{entityZh}已被他人修改（当前版本 {actual}，提交版本 {expected}），请刷新后重试。",
        $"The {entityEn} was changed by someone else (current version {actual}, submitted {expected}); reload and try again.",
        new Dictionary<string, object?> { ["currentVersion"] = actual });
}

/// <summary>The caller must sign in (again): their credential no longer stands, or the sign-in failed. Maps to 401.</summary>
public sealed class UnauthorizedException(string messageZh, string messageEn) : Exception(messageEn)
{
    private readonly string _zh = messageZh;
    public string Detail => Text.Pick(_zh, Message);
}

/// <summary>
/// Too many failed sign-ins: the login is locked until <see cref="LockedUntil"/>. Maps to 429 with
/// Retry-After, the status clients already know to wait on.
/// </summary>
public sealed class LockedOutException(string messageZh, string messageEn, DateTimeOffset lockedUntil, int retryAfterSeconds)
    : Exception(messageEn)
{
    private readonly string _zh = messageZh;
    public string Detail => Text.Pick(_zh, Message);
    public DateTimeOffset LockedUntil { get; } = lockedUntil;
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

/// <summary>One row of an uploaded sheet that cannot be taken: its number as the sheet shows it, the column (header) and why.</summary>
public sealed record SheetRowError(int Row, string Column, string Field, string Message);

/// <summary>
/// An uploaded sheet has rows that cannot be taken, and the caller did not ask to take the good rows alone: nothing
/// was stored. Maps to 422 with every row's error listed.
/// </summary>
public sealed class SheetRowsException(IReadOnlyList<SheetRowError> errors, int validRows)
    : Exception($"{errors.Count} rows of the sheet cannot be imported; nothing was stored.")
{
    public IReadOnlyList<SheetRowError> Errors { get; } = errors;
    public int ValidRows { get; } = validRows;
}
