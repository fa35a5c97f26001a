using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Cases;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Records a period not counted towards the decision limit 不计入办案期限 (hearing, appraisal 鉴定,
/// testing …), open-ended until it is ended. Hearing periods are also opened and closed by the
/// hearing step itself.
/// </summary>
public static class SuspendCaseClock
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
        [OneOf<SuspensionKind>] public string? Kind { get; init; }
        public DateOnly? StartOn { get; init; }
        public DateOnly? EndOn { get; init; }
        public string? Reason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Kind).Must(k => Wire.TryParse<SuspensionKind>(k, out _))
                .Says($"中止类型应为：{Wire.Allowed<SuspensionKind>()}", $"Kind must be one of: {Wire.Allowed<SuspensionKind>()}");
            RuleFor(x => x.StartOn).NotNull().Named("开始日期", "Start date");
            RuleFor(x => x.EndOn).GreaterThanOrEqualTo(x => x.StartOn).When(x => x.EndOn is not null && x.StartOn is not null)
                .Says("结束日期不能早于开始日期", "The end cannot be before the start");
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(1000).Named("事由", "Reason");
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO case_suspensions (id, case_id, kind, start_on, end_on, reason, created_at, created_by)
        VALUES (@Id, @CaseId, @Kind, @StartOn, @EndOn, @Reason, @Now, @By)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var c = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            CaseRows.EnsureDecisionClockRuns(c, "中止计时", "suspend the clock");
            var today = await view.TodayAsync(db, ct);
            if (command.StartOn < c.FiledOn || command.StartOn > today)
                throw Input.Invalid(nameof(Command.StartOn), $"开始日期应在立案日（{c.FiledOn:yyyy-MM-dd}）与今天之间",
                    $"The start must lie between filing ({c.FiledOn:yyyy-MM-dd}) and today");
            if (command.EndOn > today)
                throw Input.Invalid(nameof(Command.EndOn), "结束日期不能晚于今天", "The end cannot be in the future");
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), CaseId = c.Id, command.Kind, command.StartOn, command.EndOn,
                Reason = command.Reason!.Trim(), Now = now, By = user.UserId,
            }, ct);
            return await CaseRows.RecordedAsync(db, view, c, now, ct);
        }
    }
}
