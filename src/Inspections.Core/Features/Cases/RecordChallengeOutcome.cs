using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>Records the outcome of a reconsideration or lawsuit that was pending.</summary>
public static class RecordChallengeOutcome
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        [RouteValue] public Guid ChallengeId { get; init; }
        public long? Version { get; init; }
        [OneOf<ChallengeOutcome>] public string? Outcome { get; init; }
        public DateOnly? DecidedOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Outcome).NotEmpty().Named("结果", "Outcome");
            ChallengeOutcomeRules.Apply(this, x => x.Outcome, x => x.DecidedOn, _ => null);
        }
    }

    private static readonly Sql Filed = new("SELECT filed_on FROM case_challenges WHERE id = @ChallengeId AND case_id = @Id");
    private static readonly Sql Update = new("UPDATE case_challenges SET outcome = @Outcome, decided_on = @DecidedOn WHERE id = @ChallengeId");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var c = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            var filedOn = await db.QuerySingleOrDefaultAsync<DateOnly?>(Filed, new { command.Id, command.ChallengeId }, ct)
                ?? throw new NotFoundException("复议或诉讼记录", "reconsideration or lawsuit", command.ChallengeId);
            if (command.DecidedOn < filedOn || command.DecidedOn > await view.TodayAsync(db, ct))
                throw Input.Invalid(nameof(Command.DecidedOn), $"结果日期应在申请日（{filedOn:yyyy-MM-dd}）与今天之间",
                    $"The outcome date must lie between the filing ({filedOn:yyyy-MM-dd}) and today");
            await db.ExecuteAsync(Update, new { command.ChallengeId, command.Outcome, command.DecidedOn }, ct);
            return await CaseRows.RecordedAsync(db, view, c, clock.GetUtcNow(), ct);
        }
    }
}
