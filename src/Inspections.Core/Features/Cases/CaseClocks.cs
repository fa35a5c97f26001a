using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// A case's limits as deadline clocks, built from the row: the decision limit from filing
/// (suspended by hearing and appraisal periods, lengthened by approved extensions), the party's
/// statement period from the prior notice, the service limit from the decision and the payment
/// limit from service. Each uses the limit stored when it began, so a later change of configuration
/// does not move running deadlines. The unit of each is the law's (docs/deadlines.md):
/// 行政处罚法 art. 85 makes the law's 二日、三日、五日、七日 working days, so the statement period
/// (art. 64, 5 days) and the service limit (art. 61, 7 days) count working days; the 90-day
/// decision limit (art. 60) and the 15-day payment limit (art. 67) count natural days, an end on a
/// rest day or holiday moving to the next working day.
/// </summary>
internal static class CaseClocks
{
    public static readonly ClockWording StatementWording = new("事先告知", "陈述、申辩及申请听证期限", "提出");
    public static readonly ClockWording ServiceWording = new("作出处罚决定", "送达期限", "送达");
    public static readonly ClockWording PaymentWording = new("送达", "缴款期限", "缴纳罚款");

    /// <summary>
    /// 行政处罚法 art. 64 (hearing within 5 days of the notice) with art. 85 (五日 are working days):
    /// the party's days to state, defend and ask for a hearing, from the prior notice. <paramref name="days"/>
    /// is the configured period (Cases:HearingRequestDays, 5 by law). Completed by a hearing request.
    /// </summary>
    public static DeadlineClock? Statement(CaseRecord c, int days) =>
        c is { PriorNoticeOn: { } noticeOn }
            ? new DeadlineClock(new ClockSubject("penalty-case-statement", c.Id.ToString("D")), ClockKind.WorkingDays, noticeOn, days)
            : null;

    /// <summary>The last day of the statement period (art. 64 + art. 85), or null before the prior notice.</summary>
    public static DateOnly? StatementLastDay(CaseRecord c, int days, ClockEvaluator evaluator) =>
        Statement(c, days) is { } clock
            ? evaluator.Evaluate(clock, new DateTimeOffset(clock.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), 0).DueDate
            : null;

    public static DeadlineClock? Decision(CaseRecord c, IEnumerable<SuspensionRow> suspensions, IEnumerable<ExtensionRow> extensions) =>
        c is { FiledOn: { } filedOn, DecisionLimitDays: { } limit }
            ? Decision(c.Id, filedOn, limit,
                suspensions.Select(s => new ClockSuspension(s.StartOn, s.EndOn, s.Reason)),
                extensions.Select(e => new ClockExtension(e.Days, e.ApproverName, e.Reason)),
                c.DecidedAt)
            : null;

    /// <summary>
    /// 行政处罚法 art. 60: the decision within 90 days of filing — natural days (art. 85 names only 2/3/5/7), an end on a
    /// rest day or holiday moving to the next working day; hearing and appraisal periods not counted, approved extensions added.
    /// </summary>
    public static DeadlineClock Decision(Guid caseId, DateOnly filedOn, int limitDays, IEnumerable<ClockSuspension> suspensions,
        IEnumerable<ClockExtension> extensions, DateTimeOffset? decidedAt) =>
        new(new ClockSubject("penalty-case", caseId.ToString("D")), ClockKind.NaturalDays, filedOn, limitDays, suspensions, extensions, decidedAt);

    /// <summary>行政处罚法 art. 61: a decision not handed over on the spot is served within 7 days — working days (art. 85).</summary>
    public static DeadlineClock? Service(CaseRecord c, DateTimeOffset? servedAt) =>
        c is { DecidedOn: { } decidedOn, ServiceLimitDays: { } limit }
            ? new DeadlineClock(new ClockSubject("penalty-case-service", c.Id.ToString("D")), ClockKind.WorkingDays, decidedOn, limit,
                completedAt: servedAt)
            : null;

    /// <summary>行政处罚法 art. 67: the fine within 15 days of receiving the decision — natural days (art. 85 names only 2/3/5/7).</summary>
    public static DeadlineClock? Payment(CaseRecord c, DateTimeOffset? paidAt) =>
        c is { ServedOn: { } servedOn, PaymentLimitDays: { } limit }
            ? new DeadlineClock(new ClockSubject("penalty-case-payment", c.Id.ToString("D")), ClockKind.NaturalDays, servedOn, limit,
                completedAt: paidAt)
            : null;

    /// <summary>
    /// 行政处罚法 art. 72: the late-payment surcharge 加处罚款 owed for a fine paid (or still unpaid) on <paramref name="on"/>:
    /// 3% of the fine for each day after the payment limit's last day, at most the fine. Null without a fine or before service.
    /// </summary>
    public static LateSurchargeFigure? Surcharge(CaseRecord c, ClockEvaluator evaluator, DateOnly on)
    {
        if (c.FineFen is not ({ } fine and > 0) || Payment(c, null) is not { } clock) return null;
        var due = evaluator.Evaluate(clock, new DateTimeOffset(clock.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), 0).DueDate;
        var days = LateSurcharge.DaysLate(due, on);
        return new LateSurchargeFigure(due, on, days, LateSurcharge.Fen(fine, days));
    }

    public static string Title(CaseRecord c) => c.CaseNumber ?? c.PartyName;

    /// <summary>The open clock of a case for the scan and the dashboard: its officer answers for it.</summary>
    public static OpenClock Open(CaseRecord c, DeadlineClock clock, ClockWording wording) =>
        new("case", c.Id, c.Jurisdiction, Title(c), clock, wording, c.OfficerId, c.OfficerName);

    /// <summary>The scope's two parameters, for the sources' jurisdiction predicates.</summary>
    public static object Scope(CodeRange scope) => new { JurisdictionFirst = scope.First, JurisdictionLast = scope.Last };

    public const string InScope = "jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast";

    /// <summary>Commands on a case name it as their audit subject: its clocks are stored again after each.</summary>
    public static readonly IReadOnlyCollection<string> ChangedBy = ["case"];
}

/// <summary>The surcharge owed on a day: the payment limit's last day, the days after it and the amount in fen (art. 72).</summary>
internal sealed record LateSurchargeFigure(DateOnly PaymentDueDate, DateOnly On, int DaysLate, long Fen);

/// <summary>Open cases' decision limits for the deadline scan.</summary>
public sealed class CaseDecisionDeadlines : IDeadlineSource
{
    public string ClockType => "case";

    // The stages whose decision clock runs, as the machine says, written into the text as code constants
    // (T-SQL has no "IN @list") so the scan is one indexable query.
    private static readonly string Running = string.Join(", ",
        Enum.GetValues<CaseStage>().Where(CaseStageMachine.DecisionClockRuns).Select(s => $"'{Wire.Name(s)}'"));

    private static string Cases(string filter) => $"""
        SELECT {CaseRecord.Columns} FROM cases
        WHERE stage IN ({Running}) AND {filter}
        """;
    private static string Suspensions(string filter) => $"""
        SELECT s.case_id, s.id, s.kind, s.start_on, s.end_on, s.reason FROM case_suspensions s JOIN cases c ON c.id = s.case_id
        WHERE c.stage IN ({Running}) AND {filter}
        """;
    private static string Extensions(string filter) => $"""
        SELECT e.case_id, e.id, e.days, e.reason, e.approver_name, e.approved_at FROM case_extensions e JOIN cases c ON c.id = e.case_id
        WHERE c.stage IN ({Running}) AND {filter}
        """;

    private static readonly Sql Open = new(Cases(CaseClocks.InScope));
    private static readonly Sql OpenSuspensions = new(Suspensions($"c.{CaseClocks.InScope}"));
    private static readonly Sql OpenExtensions = new(Extensions($"c.{CaseClocks.InScope}"));
    private static readonly Sql Of = new(d => Cases(d.IdIn("id", "@Ids")));
    private static readonly Sql SuspensionsOf = new(d => Suspensions(d.IdIn("c.id", "@Ids")));
    private static readonly Sql ExtensionsOf = new(d => Extensions(d.IdIn("c.id", "@Ids")));

    public IReadOnlyCollection<string> ChangedBy => CaseClocks.ChangedBy;

    public Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        ClocksAsync(db, Open, OpenSuspensions, OpenExtensions, CaseClocks.Scope(scope), ct);

    public Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ClocksAsync(db, Of, SuspensionsOf, ExtensionsOf, new { Ids = ClockRows.IdList(ids) }, ct);

    private static async Task<IReadOnlyList<OpenClock>> ClocksAsync(DbSession db, Sql open, Sql openSuspensions, Sql openExtensions,
        object parameters, CancellationToken ct)
    {
        var cases = await db.QueryAsync<CaseRecord>(open, parameters, ct);
        var suspensions = (await db.QueryAsync<SuspensionWithCase>(openSuspensions, parameters, ct)).ToLookup(s => s.CaseId);
        var extensions = (await db.QueryAsync<ExtensionWithCase>(openExtensions, parameters, ct)).ToLookup(e => e.CaseId);
        return cases
            .Select(c => (c, clock: CaseClocks.Decision(c, suspensions[c.Id].Select(s => s.Row), extensions[c.Id].Select(e => e.Row))))
            .Where(x => x.clock is not null)
            .Select(x => CaseClocks.Open(x.c, x.clock!, ClockWording.PenaltyCase))
            .ToList();
    }

    internal sealed record SuspensionWithCase
    {
        public Guid CaseId { get; init; }
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly StartOn { get; init; }
        public DateOnly? EndOn { get; init; }
        public string Reason { get; init; } = "";
        public SuspensionRow Row => new() { Id = Id, Kind = Kind, StartOn = StartOn, EndOn = EndOn, Reason = Reason };
    }

    internal sealed record ExtensionWithCase
    {
        public Guid CaseId { get; init; }
        public Guid Id { get; init; }
        public int Days { get; init; }
        public string Reason { get; init; } = "";
        public string ApproverName { get; init; } = "";
        public DateTimeOffset ApprovedAt { get; init; }
        public ExtensionRow Row => new() { Id = Id, Days = Days, Reason = Reason, ApproverName = ApproverName, ApprovedAt = ApprovedAt };
    }
}

/// <summary>Decisions not yet served, for the deadline scan.</summary>
public sealed class CaseServiceDeadlines : IDeadlineSource
{
    public string ClockType => "case-service";

    private static string Cases(string filter) => $"SELECT {CaseRecord.Columns} FROM cases WHERE stage = '{Wire.Name(CaseStage.Decided)}' AND served_at IS NULL AND {filter}";
    private static readonly Sql Open = new(Cases(CaseClocks.InScope));
    private static readonly Sql Of = new(d => Cases(d.IdIn("id", "@Ids")));

    public IReadOnlyCollection<string> ChangedBy => CaseClocks.ChangedBy;

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        Clocks(await db.QueryAsync<CaseRecord>(Open, CaseClocks.Scope(scope), ct));

    public async Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Clocks(await db.QueryAsync<CaseRecord>(Of, new { Ids = ClockRows.IdList(ids) }, ct));

    private static List<OpenClock> Clocks(IEnumerable<CaseRecord> cases) =>
        cases
            .Select(c => (c, clock: CaseClocks.Service(c, null)))
            .Where(x => x.clock is not null)
            .Select(x => CaseClocks.Open(x.c, x.clock!, CaseClocks.ServiceWording))
            .ToList();
}

/// <summary>Served fines not yet paid, for the deadline scan.</summary>
public sealed class CasePaymentDeadlines : IDeadlineSource
{
    public string ClockType => "case-payment";

    private static string Cases(string filter) => $"SELECT {CaseRecord.Columns} FROM cases WHERE stage = '{Wire.Name(CaseStage.Served)}' AND payment_limit_days IS NOT NULL AND {filter}";
    private static readonly Sql Open = new(Cases(CaseClocks.InScope));
    private static readonly Sql Of = new(d => Cases(d.IdIn("id", "@Ids")));

    public IReadOnlyCollection<string> ChangedBy => CaseClocks.ChangedBy;

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        Clocks(await db.QueryAsync<CaseRecord>(Open, CaseClocks.Scope(scope), ct));

    public async Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Clocks(await db.QueryAsync<CaseRecord>(Of, new { Ids = ClockRows.IdList(ids) }, ct));

    private static List<OpenClock> Clocks(IEnumerable<CaseRecord> cases) =>
        cases
            .Select(c => (c, clock: CaseClocks.Payment(c, null)))
            .Where(x => x.clock is not null)
            .Select(x => CaseClocks.Open(x.c, x.clock!, CaseClocks.PaymentWording))
            .ToList();
}
