using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// A letter the office answers — from the district head's mailbox 区长信箱 or a petition letter 信访函 — with its
/// limits, the acceptance notice of a petition, the reply, and the clock that runs now (none once replied).
/// </summary>
public sealed record LetterDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    [OneOf<LetterKind>] public string Kind { get; init; } = "";
    /// <summary>区长信箱 or 群众信访函.</summary>
    public string KindName { get; init; } = "";
    public DateOnly ReceivedOn { get; init; }
    public string Subject { get; init; } = "";
    /// <summary>Who wrote it, as the letter signs (a name, or 匿名).</summary>
    public string Sender { get; init; } = "";
    public string? Content { get; init; }
    /// <summary>A petition's natural days from receipt to the notice whether it is accepted (信访工作条例 art. 32); null for the mailbox.</summary>
    public int? AcceptLimitDays { get; init; }
    /// <summary>The last day for that notice; null for the mailbox.</summary>
    public DateOnly? AcceptDueOn { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    /// <summary>The reply limit's unit: workingDays or naturalDays.</summary>
    public string ReplyLimitKind { get; init; } = "";
    public int ReplyLimitDays { get; init; }
    /// <summary>The last day to reply: from receipt for the mailbox, from acceptance for a petition (null until it is accepted).</summary>
    public DateOnly? ReplyDueOn { get; init; }
    public DateOnly? RepliedOn { get; init; }
    public string? ReplyText { get; init; }
    public string? RepliedBy { get; init; }
    /// <summary>Replied by the reply's due date (or, for a petition replied without a notice, by the notice's).</summary>
    public bool? RepliedOnTime { get; init; }
    /// <summary>The clock running now: the acceptance notice, then the reply; null once replied.</summary>
    public ClockDto? Clock { get; init; }
    public string ResponsibleId { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }
}

internal static class LetterRows
{
    public const string EntityType = "officeLetter";

    internal const string Columns = """
        id, jurisdiction, kind, received_on, subject, sender, content, accept_limit_days, accepted_on, reply_limit_kind,
        reply_limit_days, replied_on, reply_text, replied_by, responsible_id, created_at, updated_at, version
        """;

    internal sealed record Row
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateOnly ReceivedOn { get; init; }
        public string Subject { get; init; } = "";
        public string Sender { get; init; } = "";
        public string? Content { get; init; }
        public int? AcceptLimitDays { get; init; }
        public DateOnly? AcceptedOn { get; init; }
        public string ReplyLimitKind { get; init; } = "";
        public int ReplyLimitDays { get; init; }
        public DateOnly? RepliedOn { get; init; }
        public string? ReplyText { get; init; }
        public string? RepliedBy { get; init; }
        public string ResponsibleId { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public long Version { get; init; }

        public LetterKind KindValue => Wire.Parse<LetterKind>(Kind);
    }

    public static readonly ClockWording AcceptWording = new("收到信访事项", "告知是否受理期限", "书面告知是否受理");
    public static readonly ClockWording PetitionReplyWording = new("受理信访事项", "信访事项办理期限", "办结答复");
    public static readonly ClockWording MailboxReplyWording = new("收到区长信箱来信", "回复期限", "回复");

    /// <summary>The petition's notice clock: natural days from receipt; null for the mailbox.</summary>
    public static DeadlineClock? AcceptClock(Row r) =>
        r.KindValue == LetterKind.Petition && r.AcceptLimitDays is { } days
            ? new DeadlineClock(new ClockSubject("letter-accept", r.Id.ToString("D")), ClockKind.NaturalDays, r.ReceivedOn, days)
            : null;

    /// <summary>The reply clock: from receipt for the mailbox, from acceptance for a petition (null until accepted).</summary>
    public static DeadlineClock? ReplyClock(Row r) => r.KindValue switch
    {
        LetterKind.Mailbox => new DeadlineClock(new ClockSubject("letter-reply", r.Id.ToString("D")),
            Wire.Parse<ClockKind>(r.ReplyLimitKind), r.ReceivedOn, r.ReplyLimitDays),
        _ when r.AcceptedOn is { } accepted => new DeadlineClock(new ClockSubject("letter-reply", r.Id.ToString("D")),
            Wire.Parse<ClockKind>(r.ReplyLimitKind), accepted, r.ReplyLimitDays),
        _ => null,
    };

    /// <summary>The clock running now with its wording: a petition's notice until it is accepted, then the reply; none once replied.</summary>
    public static (DeadlineClock Clock, ClockWording Wording)? Running(Row r)
    {
        if (r.RepliedOn is not null) return null;
        if (r.KindValue == LetterKind.Petition && r.AcceptedOn is null)
            return AcceptClock(r) is { } accept ? (accept, AcceptWording) : null;
        return ReplyClock(r) is { } reply ? (reply, r.KindValue == LetterKind.Mailbox ? MailboxReplyWording : PetitionReplyWording) : null;
    }

    public static string Title(Row r) => $"{r.KindValue.ChineseName()}：{r.Subject}";

    private static readonly Sql SelectById = new($"SELECT {Columns} FROM office_letters WHERE id = @Id");

    public static async Task<Row> RowAsync(DbSession db, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<Row>(SelectById, new { Id = id }, ct) ?? throw new NotFoundException("来信", "letter", id);

    public static LetterDto Dto(Row r, ClockEvaluator evaluator, DateTimeOffset now, int dueSoon)
    {
        var accept = AcceptClock(r);
        var reply = ReplyClock(r);
        DateOnly? Due(DeadlineClock? c) => c is null ? null : evaluator.Evaluate(c, now, dueSoon).DueDate;
        var acceptDue = Due(accept);
        var replyDue = Due(reply);
        var running = Running(r);
        return new LetterDto
        {
            Id = r.Id, Jurisdiction = r.Jurisdiction, Kind = r.Kind, KindName = Text.Pick(r.KindValue.ChineseName(), r.Kind),
            ReceivedOn = r.ReceivedOn, Subject = r.Subject, Sender = r.Sender, Content = r.Content,
            AcceptLimitDays = r.AcceptLimitDays, AcceptDueOn = acceptDue, AcceptedOn = r.AcceptedOn,
            ReplyLimitKind = r.ReplyLimitKind, ReplyLimitDays = r.ReplyLimitDays, ReplyDueOn = replyDue,
            RepliedOn = r.RepliedOn, ReplyText = r.ReplyText, RepliedBy = r.RepliedBy,
            RepliedOnTime = r.RepliedOn is { } replied ? replied <= (replyDue ?? acceptDue ?? replied) : null,
            Clock = running is var (clock, wording) ? ClockDto.Show(evaluator, clock, now, dueSoon, wording) : null,
            ResponsibleId = r.ResponsibleId, CreatedAt = r.CreatedAt, UpdatedAt = r.UpdatedAt, Version = r.Version,
        };
    }

    public static async Task<LetterDto> LoadAsync(DbSession db, Guid id, CalendarStore calendars, ClockOptions options, TimeProvider clock,
        CancellationToken ct)
    {
        var row = await RowAsync(db, id, ct);
        var evaluator = await calendars.EvaluatorAsync(db, ct);
        return Dto(row, evaluator, clock.GetUtcNow(), options.DueSoonFor(OfficeLetterSource.Type));
    }
}
