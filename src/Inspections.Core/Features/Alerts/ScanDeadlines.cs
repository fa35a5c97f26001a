using Inspections.Core.Behaviors;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The deadline scan: evaluates every open clock that the features report and raises one
/// due-soon and one overdue alert per subject and due date. Several servers may scan at once;
/// the unique index and an insert that ignores duplicates keep it to one alert each.
/// </summary>
public static class ScanDeadlines
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.System, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(int ClocksScanned, int DueSoon, int Overdue, int AlertsRaised);

    internal static readonly Sql InsertAlert = new(d => d.InsertIfAbsent("alerts",
        "id, subject_type, subject_id, jurisdiction, kind, due_date, title, message, responsible_user_id, raised_at, version",
        "@Id, @SubjectType, @SubjectId, @Jurisdiction, @Kind, @DueDate, @Title, @Message, @ResponsibleUserId, @RaisedAt, 1",
        "subject_type", "subject_id", "kind", "due_date"));

    public sealed class Handler(DbSession db, CalendarStore calendars, ClockOptions options, TimeProvider clock, IEnumerable<IDeadlineSource> sources)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var now = clock.GetUtcNow();
            int scanned = 0, dueSoon = 0, overdue = 0, raised = 0;
            foreach (var source in sources)
            {
                var threshold = options.DueSoonFor(source.ClockType);
                foreach (var open in await source.OpenClocksAsync(db, Jurisdiction.Everywhere, ct))
                {
                    scanned++;
                    var evaluation = evaluator.Evaluate(open.Clock, now, threshold);
                    var kind = evaluation.Status switch
                    {
                        ClockStatus.Overdue => "overdue",
                        ClockStatus.DueSoon => "dueSoon",
                        _ => null,
                    };
                    if (kind is null) continue;
                    if (kind == "overdue") overdue++; else dueSoon++;
                    raised += await db.ExecuteAsync(InsertAlert, new
                    {
                        Id = Guid.CreateVersion7(now),
                        open.SubjectType,
                        open.SubjectId,
                        open.Jurisdiction,
                        Kind = kind,
                        evaluation.DueDate,
                        Title = open.Title,
                        Message = evaluator.Explain(open.Clock, evaluation, open.Wording),
                        open.ResponsibleUserId,
                        RaisedAt = now,
                    }, ct);
                }
            }
            db.AuditAbout("deadline-scan", Guid.CreateVersion7(now));
            return new Result(scanned, dueSoon, overdue, raised);
        }
    }
}

/// <summary>The Hangfire job: thin, it sends the scan command as the system user.</summary>
public sealed class DeadlineScanJob(IMediator mediator)
{
    public const string Id = "deadline-scan";

    public async Task RunAsync(CancellationToken ct) => await mediator.Send(new ScanDeadlines.Command(), ct);
}
