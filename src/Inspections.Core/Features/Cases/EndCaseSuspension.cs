using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>Ends an open suspension: the clock counts again from the day after its end.</summary>
public static class EndCaseSuspension
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        [RouteValue] public Guid SuspensionId { get; init; }
        public long? Version { get; init; }
        public DateOnly? EndOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.EndOn).NotNull().Named("结束日期", "End date");
        }
    }

    private static readonly Sql Select = new("SELECT start_on FROM case_suspensions WHERE id = @SuspensionId AND case_id = @Id AND end_on IS NULL");
    private static readonly Sql End = new("UPDATE case_suspensions SET end_on = @EndOn WHERE id = @SuspensionId AND end_on IS NULL");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view, CalendarStore calendars) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var c = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            var start = await db.QuerySingleOrDefaultAsync<DateOnly?>(Select, new { command.Id, command.SuspensionId }, ct)
                ?? throw new NotFoundException("未结束的中止期间", "open suspension", command.SuspensionId);
            if (command.EndOn < start || command.EndOn > await view.TodayAsync(db, ct))
                throw Input.Invalid(nameof(Command.EndOn), $"结束日期应在开始日期（{start:yyyy-MM-dd}）与今天之间",
                    $"The end must lie between the start ({start:yyyy-MM-dd}) and today");
            await db.ExecuteAsync(End, new { command.SuspensionId, command.EndOn }, ct);
            // A suspension still open when the decision was made moves its limit, and with it whether the decision was on time.
            if (c.DecidedAt is not null) await CaseFacts.WriteAsync(db, await calendars.EvaluatorAsync(db, ct), [c.Id], ct);
            return await CaseRows.RecordedAsync(db, view, c, clock.GetUtcNow(), ct);
        }
    }
}
