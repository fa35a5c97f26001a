using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Cases;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// A case's three limits as deadline clocks, built from the row: the decision limit from filing
/// (suspended by hearing and appraisal periods, lengthened by approved extensions), the service
/// limit from the decision and the payment limit from service. Each uses the limit stored when it
/// began, so a later change of configuration does not move running deadlines.
/// </summary>
internal static class CaseClocks
{
    public static readonly ClockWording ServiceWording = new("作出处罚决定", "送达期限", "送达");
    public static readonly ClockWording PaymentWording = new("送达", "缴款期限", "缴纳罚款");

    public static DeadlineClock? Decision(CaseRecord c, IEnumerable<SuspensionRow> suspensions, IEnumerable<ExtensionRow> extensions) =>
        c is { FiledOn: { } filedOn, DecisionLimitDays: { } limit }
            ? new DeadlineClock(new ClockSubject("penalty-case", c.Id.ToString("D")), ClockKind.NaturalDays, filedOn, limit,
                suspensions.Select(s => new ClockSuspension(s.StartOn, s.EndOn, s.Reason)),
                extensions.Select(e => new ClockExtension(e.Days, e.ApproverName, e.Reason)),
                c.DecidedAt)
            : null;

    public static DeadlineClock? Service(CaseRecord c, DateTimeOffset? servedAt) =>
        c is { DecidedOn: { } decidedOn, ServiceLimitDays: { } limit }
            ? new DeadlineClock(new ClockSubject("penalty-case-service", c.Id.ToString("D")), ClockKind.NaturalDays, decidedOn, limit,
                completedAt: servedAt)
            : null;

    public static DeadlineClock? Payment(CaseRecord c, DateTimeOffset? paidAt) =>
        c is { ServedOn: { } servedOn, PaymentLimitDays: { } limit }
            ? new DeadlineClock(new ClockSubject("penalty-case-payment", c.Id.ToString("D")), ClockKind.NaturalDays, servedOn, limit,
                completedAt: paidAt)
            : null;

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

    private sealed record SuspensionWithCase
    {
        public Guid CaseId { get; init; }
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public DateOnly StartOn { get; init; }
        public DateOnly? EndOn { get; init; }
        public string Reason { get; init; } = "";
        public SuspensionRow Row => new() { Id = Id, Kind = Kind, StartOn = StartOn, EndOn = EndOn, Reason = Reason };
    }

    private sealed record ExtensionWithCase
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
