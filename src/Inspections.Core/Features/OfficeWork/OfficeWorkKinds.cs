using Inspections.Core.Common;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Dashboard;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>Which letters the office answers: the district head's mailbox 区长信箱 and petition letters 信访函.</summary>
public enum LetterKind
{
    Mailbox,  // 区长信箱
    Petition, // 群众信访函
}

/// <summary>What was done with goods taken on an inspection or in a campaign: confiscated 收缴 or withheld pending a decision 暂扣.</summary>
public enum SeizureAction
{
    Confiscated, // 收缴
    Withheld,    // 暂扣
}

public static class OfficeWorkNames
{
    public static string ChineseName(this LetterKind kind) => kind switch
    {
        LetterKind.Mailbox => "区长信箱",
        LetterKind.Petition => "群众信访函",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ChineseName(this SeizureAction action) => action switch
    {
        SeizureAction.Confiscated => "收缴",
        SeizureAction.Withheld => "暂扣",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}

/// <summary>The office's days: a record's date is a local (Asia/Shanghai) date and cannot lie after today.</summary>
internal static class OfficeDay
{
    public static DateOnly Today(TimeProvider clock, ClockOptions options) => ReportPeriod.Today(clock, options.Zone);

    public static void NotAfterToday(DateOnly day, DateOnly today, string field, string nameZh, string nameEn)
    {
        if (day > today)
            throw Input.Invalid(field, $"{nameZh}不能晚于今天（{today:yyyy年M月d日}）", $"{nameEn} cannot be after today ({today:yyyy-MM-dd})");
    }

    /// <summary>
    /// The jurisdiction a new office record is written under: the command's, which the caller must be able to change
    /// and which must exist, else the caller's own.
    /// </summary>
    public static async Task<string> RecordJurisdictionAsync(DbSession db, ICurrentUser user, string? requested, string field, CancellationToken ct)
    {
        var jurisdiction = requested ?? user.Jurisdiction;
        user.EnsureCanChange(jurisdiction);
        if (requested is not null) await JurisdictionRows.EnsureKnownAsync(db, field, jurisdiction, ct);
        return jurisdiction;
    }

    /// <summary>The parameters of a dated list's page (never null: PostgreSQL cannot type a null it has no column to compare with): its jurisdiction range, the optional period and the keyset after the cursor.</summary>
    public static Dictionary<string, object?> PageParameters(string scope, DateOnly? from, DateOnly? to, OfficePageKey? after, int take) => new()
    {
        ["JurisdictionFirst"] = Domain.Access.Jurisdiction.Range(scope).First,
        ["JurisdictionLast"] = Domain.Access.Jurisdiction.Range(scope).Last,
        ["ByFrom"] = from is null ? 0 : 1,
        ["From"] = from ?? InputLimits.MinDate,
        ["ByTo"] = to is null ? 0 : 1,
        ["To"] = to ?? InputLimits.MaxDate,
        ["Paged"] = after is null ? 0 : 1,
        ["AfterOn"] = after?.D ?? InputLimits.MaxDate,
        ["AfterId"] = after?.I ?? Guid.Empty,
        ["Take"] = take,
    };

    /// <summary>The WHERE conditions of a dated list (its date column named, its table's alias if it has one), over <see cref="PageParameters"/>.</summary>
    public static string PageFilter(string dateColumn, string alias = "") => $"""
        {alias}jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@ByFrom = 0 OR {alias}{dateColumn} >= @From)
          AND (@ByTo = 0 OR {alias}{dateColumn} <= @To)
          AND (@Paged = 0 OR {alias}{dateColumn} < @AfterOn OR ({alias}{dateColumn} = @AfterOn AND {alias}id < @AfterId))
        """;

    /// <summary>
    /// One page of a dated list, read with <paramref name="select"/> (over <see cref="PageFilter"/>): the query's jurisdiction,
    /// which the caller must see and which must exist, else the caller's; and one row more than the page, to tell whether another follows.
    /// </summary>
    public static async Task<(IReadOnlyList<TRow> Rows, int Limit)> ReadPageAsync<TRow>(DbSession db, ICurrentUser user,
        IOfficePeriodQuery query, Sql select, CancellationToken ct)
    {
        var scope = query.Jurisdiction ?? user.Jurisdiction;
        user.EnsureCanSee(scope);
        if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(query.Jurisdiction), query.Jurisdiction, ct);
        Cursor.TryDecode<OfficePageKey>(query.Cursor, out var after);
        var limit = query.Limit ?? 20;
        return (await db.QueryAsync<TRow>(select, PageParameters(scope, query.From, query.To, after, limit + 1), ct), limit);
    }

    public static Page<T> Page<T>(IReadOnlyList<T> rows, int limit, Func<T, OfficePageKey> key)
    {
        var items = rows.Take(limit).ToList();
        return new Page<T>(items, rows.Count > limit ? Cursor.Encode(key(items[^1])) : null);
    }
}

/// <summary>The keyset of a dated list, latest first: the day and the id of the last row shown.</summary>
public sealed record OfficePageKey(DateOnly D, Guid I);

/// <summary>
/// Bound from "OfficeWork": the reply limits of letters. A letter keeps the limits in force on the day it was received.
/// Petitions: 信访工作条例 (2022) art. 32 — whether it is accepted is told in writing within 15 days of receipt —
/// and art. 35 — handled within 60 days of acceptance. The district head's mailbox follows local rules; the default
/// is 15 working days. See docs/deadlines.md.
/// </summary>
public sealed class OfficeWorkOptions
{
    public const string Section = "OfficeWork";

    /// <summary>Natural days from receipt to the written notice whether a petition is accepted (信访工作条例 art. 32).</summary>
    public int PetitionAcceptDays { get; set; } = 15;

    /// <summary>Natural days from acceptance to the petition's reply 办结 (信访工作条例 art. 35).</summary>
    public int PetitionReplyDays { get; set; } = 60;

    /// <summary>Days from receipt to the reply to a mailbox letter (local rules).</summary>
    public int MailboxReplyDays { get; set; } = 15;

    /// <summary>The unit of <see cref="MailboxReplyDays"/>: workingDays or naturalDays.</summary>
    public string MailboxReplyDayKind { get; set; } = "workingDays";

    public Domain.Calendar.ClockKind MailboxKind => Wire.Parse<Domain.Calendar.ClockKind>(MailboxReplyDayKind);

    /// <summary>Refuses at start a limit no clock can run with.</summary>
    public OfficeWorkOptions Validated()
    {
        foreach (var (name, days) in new[] { ("PetitionAcceptDays", PetitionAcceptDays), ("PetitionReplyDays", PetitionReplyDays), ("MailboxReplyDays", MailboxReplyDays) })
            if (days is < 1 or > Domain.Calendar.DeadlineClock.MaxDays)
                throw new InvalidOperationException($"OfficeWork:{name} must be between 1 and {Domain.Calendar.DeadlineClock.MaxDays}.");
        if (!Wire.TryParse<Domain.Calendar.ClockKind>(MailboxReplyDayKind, out _))
            throw new InvalidOperationException($"OfficeWork:MailboxReplyDayKind must be one of {Wire.Allowed<Domain.Calendar.ClockKind>()}.");
        return this;
    }
}
