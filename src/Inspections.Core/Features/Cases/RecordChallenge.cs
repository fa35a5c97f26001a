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
            RuleFor(x => x.Version).NotNull().GreaterThan(0).Named("版本号", "Version");
            RuleFor(x => x.Kind).Must(k => CaseWire.TryParse<ChallengeKind>(k, out _))
                .Says($"类型应为：{CaseWire.Allowed<ChallengeKind>()}", $"Kind must be one of: {CaseWire.Allowed<ChallengeKind>()}");
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
                throw CaseRows.FieldError(nameof(Command.FiledOn), $"日期应在决定日（{decidedOn:yyyy-MM-dd}）与今天之间",
                    $"The date must lie between the decision ({decidedOn:yyyy-MM-dd}) and today");
            if (command.DecidedOn > today)
                throw CaseRows.FieldError(nameof(Command.DecidedOn), "结果日期不能晚于今天", "The outcome date cannot be in the future");
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), CaseId = c.Id, command.Kind, Authority = command.Authority!.Trim(), command.FiledOn,
                Outcome = CaseRows.Clean(command.Outcome), command.DecidedOn, Note = CaseRows.Clean(command.Note), Now = now,
            }, ct);
            return await view.RecordedAsync(db, c, now, ct);
        }
    }
}

/// <summary>Records the outcome of a reconsideration or lawsuit that was pending.</summary>
public static class RecordChallengeOutcome
{
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
            RuleFor(x => x.Version).NotNull().GreaterThan(0).Named("版本号", "Version");
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
                throw CaseRows.FieldError(nameof(Command.DecidedOn), $"结果日期应在申请日（{filedOn:yyyy-MM-dd}）与今天之间",
                    $"The outcome date must lie between the filing ({filedOn:yyyy-MM-dd}) and today");
            await db.ExecuteAsync(Update, new { command.ChallengeId, command.Outcome, command.DecidedOn }, ct);
            return await view.RecordedAsync(db, c, clock.GetUtcNow(), ct);
        }
    }
}

/// <summary>An outcome is one of the known ones and comes with its date.</summary>
internal static class ChallengeOutcomeRules
{
    public static void Apply<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string?>> outcome,
        System.Linq.Expressions.Expression<Func<T, DateOnly?>> decidedOn, Func<T, DateOnly?> filedOn)
    {
        var getOutcome = outcome.Compile();
        v.RuleFor(outcome).Must(o => CaseWire.TryParse<ChallengeOutcome>(o, out _)).When(x => !string.IsNullOrEmpty(getOutcome(x)))
            .Says($"结果应为：{CaseWire.Allowed<ChallengeOutcome>()}", $"Outcome must be one of: {CaseWire.Allowed<ChallengeOutcome>()}");
        v.RuleFor(decidedOn).NotNull().When(x => !string.IsNullOrEmpty(getOutcome(x)))
            .Says("有结果时须填写结果日期", "An outcome needs its date");
        var getDecided = decidedOn.Compile();
        v.RuleFor(decidedOn).Null().When(x => string.IsNullOrEmpty(getOutcome(x)))
            .Says("尚无结果时不填结果日期", "No outcome date without an outcome");
        v.RuleFor(decidedOn).Must((x, d) => filedOn(x) is not { } f || d >= f).When(x => getDecided(x) is not null)
            .Says("结果日期不能早于申请日期", "The outcome cannot precede the filing");
    }
}
