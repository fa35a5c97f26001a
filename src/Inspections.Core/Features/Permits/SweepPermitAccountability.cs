using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// Finds applications still open past their promised limit and raises a record for each (the
/// deadline alerts warn; this holds the responsible clerk to account). Run by a recurring job as the
/// system user over every jurisdiction, or by a supervisor over their own.
/// </summary>
public static class SweepPermitAccountability
{
    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.System, Roles.Supervisor, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(int Examined, int Overdue, int Raised);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CalendarStore calendars, ClockOptions clockOptions)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var range = user.Role == Roles.System ? Jurisdiction.Everywhere : Jurisdiction.Range(user.Jurisdiction);
            var (examined, overdue) = await PermitClocks.OverdueOpenAsync(db, evaluator, range, now, clockOptions.DueSoonFor("permit"), ct);
            var raised = 0;
            foreach (var (p, promised, evaluation) in overdue)
                raised += await PermitAccountabilityRecords.RaiseAsync(db, p, "overdueOpen", evaluation,
                    evaluator.Explain(promised, evaluation, ClockWording.PermitPromised), now, ct);
            db.AuditAbout("permit-accountability-sweep", Guid.CreateVersion7(now));
            return new Result(examined, overdue.Count, raised);
        }
    }
}

/// <summary>The Hangfire job: thin, it sends the sweep as the system user.</summary>
public sealed class PermitAccountabilityJob(IMediator mediator)
{
    public const string Id = "permit-accountability-sweep";

    public async Task RunAsync(CancellationToken ct) => await mediator.Send(new SweepPermitAccountability.Command(), ct);
}
