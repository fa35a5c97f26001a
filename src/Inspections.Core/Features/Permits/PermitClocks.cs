using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Permits;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// An application's clocks, built from its row with the limits copied in at receipt, so a later
/// catalog edit never moves a running deadline: the correction window from receipt (行政许可法
/// art. 32), the promised and statutory limits from acceptance (art. 42 or the item's regulation;
/// suspensions stop both, art. 45; an approved extension lengthens the statutory one only), and the
/// certificate limit from the approval (art. 44). All count working days (art. 82); see docs/deadlines.md.
/// </summary>
internal static class PermitClocks
{
    public static readonly ClockWording CorrectionWording = new("收件", "补正告知期限", "一次性告知补正或受理");
    public static readonly ClockWording CertificateWording = new("准予许可", "发证送达期限", "颁发、送达许可证件");

    public static DeadlineClock CorrectionWindow(PermitRecord p) => CorrectionWindow(p.Id, p.ReceivedOn, p.CorrectionWindowDays);

    public static DeadlineClock CorrectionWindow(Guid id, DateOnly receivedOn, int days) =>
        new(new ClockSubject("permit-correction", id.ToString("D")), ClockKind.WorkingDays, receivedOn, days);

    /// <summary>Whether the correction window of an application received on <paramref name="receivedOn"/> has run out at <paramref name="now"/>.</summary>
    public static bool CorrectionWindowPassed(ClockEvaluator evaluator, Guid id, DateOnly receivedOn, int days, DateTimeOffset now) =>
        evaluator.Evaluate(CorrectionWindow(id, receivedOn, days), now, 0).Status == ClockStatus.Overdue;

    public static DeadlineClock? Promised(PermitRecord p, IEnumerable<SuspensionRow> suspensions) =>
        p.AcceptedOn is { } on
            ? new DeadlineClock(new ClockSubject("permit", p.Id.ToString("D")), ClockKind.WorkingDays, on, p.PromisedLimitDays,
                Periods(suspensions), completedAt: p.CompletedAt)
            : null;

    /// <summary>
    /// The statutory limit binds the decision 作出行政许可决定 (art. 42), so it is met by the approval or refusal;
    /// a filing, which has no decision, meets it when recorded.
    /// </summary>
    public static DeadlineClock? Statutory(PermitRecord p, IEnumerable<SuspensionRow> suspensions, IEnumerable<ExtensionRow> extensions) =>
        p.AcceptedOn is { } on
            ? new DeadlineClock(new ClockSubject("permit-statutory", p.Id.ToString("D")), ClockKind.WorkingDays, on, p.StatutoryLimitDays,
                Periods(suspensions), extensions.Select(e => new ClockExtension(e.Days, e.ApproverName, e.Reason)), p.DecidedAt ?? p.CompletedAt)
            : null;

    /// <summary>
    /// 行政许可法 art. 44: an approval that needs a certificate has it issued and served within 10 days of the
    /// decision (working days, art. 82); met when the application is completed with its certificate number.
    /// </summary>
    public static DeadlineClock? Certificate(PermitRecord p) =>
        p is { DecidedOn: { } decidedOn, CertificateLimitDays: { } limit }
            ? new DeadlineClock(new ClockSubject("permit-certificate", p.Id.ToString("D")), ClockKind.WorkingDays, decidedOn, limit,
                completedAt: p.CompletedAt)
            : null;

    // The open stages, as the promised-limit source times them (PermitDeadlines): at the desk, and every stage its clocks run in.
    private static readonly string OpenStages = string.Join(", ", Enum.GetValues<PermitStage>()
        .Where(s => PermitStageMachine.ClocksRun(s) || PermitStageMachine.IsDeemedAccepted(s, correctionWindowPassed: true))
        .Select(s => $"'{Wire.Name(s)}'"));

    private static readonly Sql CountOpen = new($"""
        SELECT COUNT(*) FROM permit_applications
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND stage IN ({OpenStages})
        """);

    // The stored promised limits 承诺时限 past their due date today. A suspended clock has no dates (ClockRows), so it is
    // not among them. An application still at the desk has its promised clock stored from receipt (PermitDeadlines), but
    // counts as accepted only once its correction window has run out (art. 32): while its stored window still has today
    // or a later day to run, it is left out, as Effective leaves it unaccepted. The running windows of the scope are few
    // (applications at the desk): read once, not probed once per overdue clock.
    private static string Overdue(string select) => $"""
        SELECT {select} FROM deadline_clocks c
        WHERE c.subject_type = 'permit' AND c.clock = 'permit'
          AND c.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND c.due_on < @Today
          AND c.subject_id NOT IN (SELECT w.subject_id FROM deadline_clocks w
                                   WHERE w.subject_type = 'permit' AND w.clock = '{PermitCorrectionWindows.Type}'
                                     AND w.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND w.due_on >= @Today)
        """;

    private static readonly Sql CountOverdue = new(Overdue("COUNT(*)"));
    private static readonly Sql OverdueIds = new(Overdue("c.subject_id") + "\nORDER BY c.subject_id");
    private static readonly Sql ApplicationsOf = new(d => $"SELECT {PermitRecord.Columns} FROM permit_applications WHERE {d.IdIn("id", "@Ids")}");
    private static readonly Sql SuspensionsOf = new(d => $"""
        SELECT application_id, id, kind, start_on, end_on, reason FROM permit_suspensions
        WHERE {d.IdIn("application_id", "@Ids")}
        ORDER BY application_id, start_on, id
        """);

    /// <summary>An open application past its promised limit 承诺时限, with its clock and how it stands.</summary>
    public sealed record OverdueOpen(PermitRecord Application, DeadlineClock Promised, ClockEvaluation Evaluation);

    private static object Parameters(ClockEvaluator evaluator, CodeRange range, DateTimeOffset now) =>
        new { JurisdictionFirst = range.First, JurisdictionLast = range.Last, Today = evaluator.LocalDate(now) };

    /// <summary>
    /// How many applications of a jurisdiction range are still open at <paramref name="now"/> with their promised limit run
    /// out (suspended days not counted; one still at the desk after its correction window counts as accepted on receipt),
    /// counted from the stored clocks (deadline_clocks, rewritten by every command): an index range, not the open applications.
    /// </summary>
    public static async Task<int> CountOverdueOpenAsync(DbSession db, ClockEvaluator evaluator, CodeRange range, DateTimeOffset now,
        CancellationToken ct) =>
        (int)await db.ExecuteScalarAsync<long>(CountOverdue, Parameters(evaluator, range, now), ct);

    /// <summary>
    /// The applications of a jurisdiction range still open at <paramref name="now"/> whose promised limit has run out, the
    /// ones <see cref="CountOverdueOpenAsync"/> counts, and how many open applications were examined. Only those applications
    /// are read, <see cref="ClockRows.Batch"/> at a time with their suspensions, and their clocks evaluated again for the
    /// explanation. The accountability sweep and the month figures count the same ones.
    /// </summary>
    public static async Task<(int Examined, IReadOnlyList<OverdueOpen> Overdue)> OverdueOpenAsync(DbSession db, ClockEvaluator evaluator,
        CodeRange range, DateTimeOffset now, int dueSoonDays, CancellationToken ct)
    {
        var parameters = Parameters(evaluator, range, now);
        var examined = (int)await db.ExecuteScalarAsync<long>(CountOpen, parameters, ct);
        var ids = await db.QueryAsync<Guid>(OverdueIds, parameters, ct);
        var overdue = new List<OverdueOpen>();
        foreach (var chunk in ids.Chunk(ClockRows.Batch))
        {
            var batch = new { Ids = ClockRows.IdList(chunk) };
            var applications = await db.QueryAsync<PermitRecord>(ApplicationsOf, batch, ct);
            var suspensions = (await db.QueryAsync<PermitSuspensionOf>(SuspensionsOf, batch, ct)).ToLookup(s => s.ApplicationId, s => s.Row);
            foreach (var stored in applications.OrderBy(a => a.Id))
            {
                var p = Effective(stored, evaluator, now);
                if (p.AcceptedOn is null) continue;
                var promised = Promised(p, suspensions[p.Id])!;
                var evaluation = evaluator.Evaluate(promised, now, dueSoonDays);
                if (evaluation.Status == ClockStatus.Overdue) overdue.Add(new(p, promised, evaluation));
            }
        }
        return (examined, overdue);
    }

    /// <summary>A suspension resumed on the day it began stopped nothing and ends before it starts: leave it out.</summary>
    private static IEnumerable<ClockSuspension> Periods(IEnumerable<SuspensionRow> rows) =>
        rows.Where(s => s.EndOn is not { } end || end >= s.StartOn)
            .Select(s => new ClockSuspension(s.StartOn, s.EndOn, s.Reason));

    /// <summary>
    /// 行政许可法 art. 32: an application still at the desk when the correction window has run out
    /// counts as accepted on the day it was received. Applied when the application is read, so the
    /// rule holds from the first instant after the window, and written down by the next command.
    /// </summary>
    public static PermitRecord Effective(PermitRecord p, ClockEvaluator evaluator, DateTimeOffset now)
    {
        var windowPassed = CorrectionWindowPassed(evaluator, p.Id, p.ReceivedOn, p.CorrectionWindowDays, now);
        return PermitStageMachine.IsDeemedAccepted(p.StageValue, windowPassed)
            ? p with
            {
                Stage = Wire.Name(PermitStage.Accepted),
                AcceptedAt = p.ReceivedAt,
                AcceptedOn = p.ReceivedOn,
                AcceptedDeemed = true,
            }
            : p;
    }

}

/// <summary>
/// Open applications' promised clocks for the deadline scan. An application still at the desk is
/// timed from its receipt: that is the deadline the law applies if no correction notice goes out in
/// time (art. 32), so its alert never comes later than the true one. Applications waiting for the
/// applicant's correction have no running clock.
/// </summary>
public sealed class PermitDeadlines : IDeadlineSource
{
    public string ClockType => "permit";

    // The stages the machine runs the clocks in, and with them the one an application may be deemed accepted
    // from (still at the desk); code constants written into the text, as T-SQL has no "IN @list".
    private static readonly PermitStage[] Running = Enum.GetValues<PermitStage>().Where(PermitStageMachine.ClocksRun).ToArray();
    private static readonly PermitStage[] Timed = Enum.GetValues<PermitStage>()
        .Where(s => PermitStageMachine.ClocksRun(s) || PermitStageMachine.IsDeemedAccepted(s, correctionWindowPassed: true)).ToArray();

    private static string List(IEnumerable<PermitStage> stages) => string.Join(", ", stages.Select(s => $"'{Wire.Name(s)}'"));

    private static string Applications(string filter) => $"""
        SELECT {PermitRecord.Columns} FROM permit_applications
        WHERE stage IN ({List(Timed)}) AND {filter}
        """;
    private static string Suspensions(string filter) => $"""
        SELECT s.application_id, s.id, s.kind, s.start_on, s.end_on, s.reason
        FROM permit_suspensions s JOIN permit_applications a ON a.id = s.application_id
        WHERE a.stage IN ({List(Running)}) AND {filter}
        """;

    private static readonly Sql Open = new(Applications("jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    private static readonly Sql OpenSuspensions = new(Suspensions("a.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    private static readonly Sql Of = new(d => Applications(d.IdIn("id", "@Ids")));
    private static readonly Sql SuspensionsOf = new(d => Suspensions(d.IdIn("a.id", "@Ids")));

    /// <summary>Commands on an application name it as their audit subject: its clock is stored again after each.</summary>
    public IReadOnlyCollection<string> ChangedBy => ["permit"];

    public Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        ClocksAsync(db, Open, OpenSuspensions, new { JurisdictionFirst = scope.First, JurisdictionLast = scope.Last }, ct);

    public Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ClocksAsync(db, Of, SuspensionsOf, new { Ids = ClockRows.IdList(ids) }, ct);

    private static async Task<IReadOnlyList<OpenClock>> ClocksAsync(DbSession db, Sql open, Sql openSuspensions, object parameters, CancellationToken ct)
    {
        var applications = await db.QueryAsync<PermitRecord>(open, parameters, ct);
        var suspensions = (await db.QueryAsync<PermitSuspensionOf>(openSuspensions, parameters, ct)).ToLookup(s => s.ApplicationId, s => s.Row);
        return applications
            .Select(p => p.AcceptedOn is null ? p with { AcceptedOn = p.ReceivedOn } : p)
            .Select(p => new OpenClock("permit", p.Id, p.Jurisdiction, p.Title,
                PermitClocks.Promised(p, suspensions[p.Id])!, ClockWording.PermitPromised, p.ResponsibleId, p.ResponsibleName))
            .ToList();
    }

}

/// <summary>Approvals whose certificate is not yet issued and served (行政许可法 art. 44), for the deadline scan.</summary>
public sealed class PermitCertificateDeadlines : IDeadlineSource
{
    public string ClockType => "permit-certificate";

    private static string Approved(string filter) => $"""
        SELECT {PermitRecord.Columns} FROM permit_applications
        WHERE stage = '{Wire.Name(PermitStage.Approved)}' AND certificate_limit_days IS NOT NULL AND {filter}
        """;

    private static readonly Sql Open = new(Approved("jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast"));
    private static readonly Sql Of = new(d => Approved(d.IdIn("id", "@Ids")));

    /// <summary>Approval and completion are commands on the application: its certificate clock is stored again after each.</summary>
    public IReadOnlyCollection<string> ChangedBy => ["permit"];

    public async Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        Clocks(await db.QueryAsync<PermitRecord>(Open, new { JurisdictionFirst = scope.First, JurisdictionLast = scope.Last }, ct));

    public async Task<IReadOnlyList<OpenClock>> OpenClocksOfAsync(DbSession db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Clocks(await db.QueryAsync<PermitRecord>(Of, new { Ids = ClockRows.IdList(ids) }, ct));

    private static List<OpenClock> Clocks(IEnumerable<PermitRecord> approved) =>
        approved
            .Select(p => (p, clock: PermitClocks.Certificate(p)))
            .Where(x => x.clock is not null)
            .Select(x => new OpenClock("permit", x.p.Id, x.p.Jurisdiction, x.p.Title, x.clock!, PermitClocks.CertificateWording,
                x.p.ResponsibleId, x.p.ResponsibleName))
            .ToList();
}
