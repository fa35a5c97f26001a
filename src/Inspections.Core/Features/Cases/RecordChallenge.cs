using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Records that the party applied for administrative reconsideration 行政复议 or sued 行政诉讼
/// against the decision, and (now or later) its outcome: upheld 维持, changed 变更, revoked 撤销.
/// </summary>
public static class RecordChallenge
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
        [OneOf<ChallengeKind>] public string? Kind { get; init; }
        /// <summary>The reconsideration body or court, e.g. 温江区人民政府, 温江区人民法院.</summary>
        public string? Authority { get; init; }
        public DateOnly? FiledOn { get; init; }
        [OneOf<ChallengeOutcome>] public string? Outcome { get; init; }
        public DateOnly? DecidedOn { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Kind).Must(k => Wire.TryParse<ChallengeKind>(k, out _))
                .Says($"类型应为：{Wire.Allowed<ChallengeKind>()}", $"Kind must be one of: {Wire.Allowed<ChallengeKind>()}");
            RuleFor(x => x.Authority).NotEmpty().MaximumLength(200).Named("复议机关或法院", "Authority");
            RuleFor(x => x.FiledOn).NotNull().Named("申请或起诉日期", "Filing date");
            RuleFor(x => x.Note).MaximumLength(1000).Named("备注", "Note");
            ChallengeOutcomeRules.Apply(this, x => x.Outcome, x => x.DecidedOn, x => x.FiledOn);
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO case_challenges (id, case_id, kind, authority, filed_on, outcome, decided_on, note, created_at)
        VALUES (@Id, @CaseId, @Kind, @Authority, @FiledOn, @Outcome, @DecidedOn, @Note, @Now)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var c = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            if (!CaseStageMachine.IsDecided(c.StageValue) || c.DecidedOn is not { } decidedOn)
                throw new ConflictException($"案件处于“{c.StageValue.Chinese()}”阶段，尚未作出决定，不能登记复议或诉讼。",
                    $"The case is at {c.StageValue.English()}; there is no decision to challenge yet.",
                    new Dictionary<string, object?> { ["currentStage"] = c.Stage });
            var today = await view.TodayAsync(db, ct);
            if (command.FiledOn < decidedOn || command.FiledOn > today)
                throw Input.Invalid(nameof(Command.FiledOn), $"日期应在决定日（{decidedOn:yyyy-MM-dd}）与今天之间",
                    $"The date must lie between the decision ({decidedOn:yyyy-MM-dd}) and today");
            if (command.DecidedOn > today)
                throw Input.Invalid(nameof(Command.DecidedOn), "结果日期不能晚于今天", "The outcome date cannot be in the future");
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), CaseId = c.Id, command.Kind, Authority = command.Authority!.Trim(), command.FiledOn,
                Outcome = Input.Clean(command.Outcome), command.DecidedOn, Note = Input.Clean(command.Note), Now = now,
            }, ct);
            return await CaseRows.RecordedAsync(db, view, c, now, ct);
        }
    }
}
