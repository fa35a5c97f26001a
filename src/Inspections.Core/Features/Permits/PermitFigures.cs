using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// The window's figures for a period (local dates, both ends included): intake by kind 受理量, and
/// the on-time rate 按时办结率 with the average working days used against promised, overall, per item
/// and per responsible clerk. Intake counts acceptance (deemed acceptance and recorded filings
/// included) by its date; the on-time figures count applications completed 办结 in the period; and
/// the applications open and overdue now 超期未办结, which no completion count shows.
/// </summary>
public static class PermitFigures
{
    public sealed record IntakeRow(string Kind, string KindName, int Received, int Accepted, int NotAccepted);

    public sealed record OnTimeRow(string Key, string Name, int Completed, int OnTime, decimal? OnTimeRate, decimal? AverageUsedDays, decimal? AveragePromisedDays);

    public sealed record Result
    {
        public DateOnly From { get; init; }
        public DateOnly To { get; init; }
        public IReadOnlyList<IntakeRow> Intake { get; init; } = [];
        public int AcceptedTotal { get; init; }
        /// <summary>The sentence the half-year summary carries, e.g. "办证大厅受理年检、备案、变更、设立申请185件".</summary>
        public string IntakeSentence { get; init; } = "";
        public OnTimeRow OnTime { get; init; } = new("all", "", 0, 0, null, null, null);
        public IReadOnlyList<OnTimeRow> ByItem { get; init; } = [];
        public IReadOnlyList<OnTimeRow> ByClerk { get; init; } = [];
        /// <summary>
        /// Applications open now and already past their promised limit 超期未办结 (whatever the period: the on-time
        /// figures count what was completed late, this what is late and not yet done). The same applications the
        /// accountability sweep holds against their clerks.
        /// </summary>
        public int OpenOverdue { get; init; }
    }

    [AllowedRoles(Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(DateOnly? From, DateOnly? To) : IQuery<Result>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            this.Period(x => x.From, x => x.To);
        }
    }

    /// <summary>The order the offices' reports name the kinds in.</summary>
    private static readonly PermitKind[] ReportOrder =
        [PermitKind.AnnualInspection, PermitKind.Filing, PermitKind.Change, PermitKind.Establish, PermitKind.Renewal, PermitKind.Cancellation];

    private static readonly Sql InPeriod = new($"""
        SELECT {PermitRecord.Columns} FROM permit_applications
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND ((received_on >= @From AND received_on <= @To)
            OR (accepted_on >= @From AND accepted_on <= @To)
            OR (completed_on >= @From AND completed_on <= @To))
        """);
    private static readonly Sql Suspensions = new("""
        SELECT s.application_id, s.id, s.kind, s.start_on, s.end_on, s.reason
        FROM permit_suspensions s JOIN permit_applications a ON a.id = s.application_id
        WHERE a.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND a.completed_on >= @From AND a.completed_on <= @To
        """);


    private sealed record Completion(PermitRecord Application, CompletedPermit Figures);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            var figures = await ComputeAsync(db, evaluator, user.Jurisdiction, query.From!.Value, query.To!.Value, now, ct);
            var (_, overdue) = await PermitClocks.OverdueOpenAsync(db, evaluator, Jurisdiction.Range(user.Jurisdiction), now, 0, ct);
            return figures with { OpenOverdue = overdue.Count };
        }

        /// <summary>The figures of a jurisdiction for a checked period, at <paramref name="now"/>: the work summary counts with them too.</summary>
        internal static async Task<Result> ComputeAsync(DbSession db, ClockEvaluator evaluator, string jurisdiction, DateOnly from, DateOnly to,
            DateTimeOffset now, CancellationToken ct)
        {
            var parameters = new { JurisdictionFirst = Jurisdiction.Range(jurisdiction).First, JurisdictionLast = Jurisdiction.Range(jurisdiction).Last, From = from, To = to };
            var rows = (await db.QueryAsync<PermitRecord>(InPeriod, parameters, ct)).Select(p => PermitClocks.Effective(p, evaluator, now)).ToList();
            var suspensions = (await db.QueryAsync<PermitSuspensionOf>(Suspensions, parameters, ct)).ToLookup(s => s.ApplicationId, s => s.Row);

            bool Within(DateOnly? d) => d is { } day && day >= from && day <= to;
            var intake = Enum.GetValues<PermitKind>().Select(kind =>
            {
                var ofKind = rows.Where(p => p.KindValue == kind).ToList();
                return new IntakeRow(Wire.Name(kind), PermitWire.Describe(kind),
                    ofKind.Count(p => Within(p.ReceivedOn)),
                    ofKind.Count(p => Within(p.AcceptedOn)),
                    ofKind.Count(p => Within(p.ReceivedOn) && p.StageValue == PermitStage.NotAccepted));
            }).ToList();
            var accepted = ReportOrder.Select(k => (Kind: k, Count: intake.Single(i => i.Kind == Wire.Name(k)).Accepted)).Where(x => x.Count > 0).ToList();
            var total = accepted.Sum(x => x.Count);

            var completions = rows.Where(p => p.CompletedAt is not null && Within(p.CompletedOn))
                .Select(p =>
                {
                    var promised = PermitClocks.Promised(p, suspensions[p.Id])!;
                    var e = evaluator.Evaluate(promised, p.CompletedAt!.Value, 0);
                    // Days used = the limit less the days left at completion (negative when late), suspended days not counted.
                    return new Completion(p, new CompletedPermit(p.PromisedLimitDays, p.PromisedLimitDays - e.RemainingDays, e.Status == ClockStatus.CompletedOnTime));
                })
                .ToList();

            return new Result
            {
                From = from,
                To = to,
                Intake = intake,
                AcceptedTotal = total,
                IntakeSentence = Text.Pick(
                    $"办证大厅受理{(accepted.Count == 0 ? "" : string.Join("、", accepted.Select(x => x.Kind.Chinese())))}申请{total}件",
                    $"The service hall accepted {total} applications ({string.Join(", ", accepted.Select(x => $"{Wire.Name(x.Kind)} {x.Count}"))})"),
                OnTime = Row("all", Text.Pick("全部", "All"), completions),
                ByItem = completions.GroupBy(c => c.Application.ItemCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => Row(g.Key, g.First().Application.ItemName, g)).ToList(),
                ByClerk = completions.GroupBy(c => c.Application.ResponsibleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => Row(g.Key, g.First().Application.ResponsibleName, g)).ToList(),
            };
        }

        private static OnTimeRow Row(string key, string name, IEnumerable<Completion> completions)
        {
            var f = PermitOnTime.Compute(completions.Select(c => c.Figures));
            return new OnTimeRow(key, name, f.Completed, f.OnTime, f.OnTimeRate, f.AverageUsedDays, f.AveragePromisedDays);
        }
    }
}
