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
/// catalog edit never moves a running deadline: the correction window from receipt, and the
/// promised and statutory limits from acceptance (suspensions stop both; an approved extension
/// lengthens the statutory one only).
/// </summary>
internal static class PermitClocks
{
    public static readonly ClockWording CorrectionWording = new("收件", "补正告知期限", "一次性告知补正或受理");

    public static DeadlineClock CorrectionWindow(PermitRecord p) =>
        new(new ClockSubject("permit-correction", p.Id.ToString("D")), ClockKind.WorkingDays, p.ReceivedOn, p.CorrectionWindowDays);

    public static DeadlineClock? Promised(PermitRecord p, IEnumerable<SuspensionRow> suspensions) =>
        p.AcceptedOn is { } on
            ? new DeadlineClock(new ClockSubject("permit", p.Id.ToString("D")), ClockKind.WorkingDays, on, p.PromisedLimitDays,
                Periods(suspensions), completedAt: p.CompletedAt)
            : null;

    public static DeadlineClock? Statutory(PermitRecord p, IEnumerable<SuspensionRow> suspensions, IEnumerable<ExtensionRow> extensions) =>
        p.AcceptedOn is { } on
            ? new DeadlineClock(new ClockSubject("permit-statutory", p.Id.ToString("D")), ClockKind.WorkingDays, on, p.StatutoryLimitDays,
                Periods(suspensions), extensions.Select(e => new ClockExtension(e.Days, e.ApproverName, e.Reason)), p.CompletedAt)
            : null;

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
        var windowPassed = evaluator.Evaluate(CorrectionWindow(p), now, 0).Status == ClockStatus.Overdue;
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
