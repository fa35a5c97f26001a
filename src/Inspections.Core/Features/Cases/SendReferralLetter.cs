using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>
/// Records a referral letter 函告 sent about the case to another department, e.g. an unlicensed
/// internet café reported to the commerce bureau 函告工商; counted in the period's figures.
/// </summary>
public static class SendReferralLetter
{
    [NotForStations(StationBar.Cases)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<CaseDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
        public string? Department { get; init; }
        public string? Reason { get; init; }
        public DateOnly? SentOn { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Department).NotEmpty().MaximumLength(200).Named("函告部门", "Department");
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(1000).Named("函告事由", "Reason");
            RuleFor(x => x.SentOn).NotNull().Named("发函日期", "Date sent");
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO case_referrals (id, case_id, department, reason, sent_on, created_at, created_by)
        VALUES (@Id, @CaseId, @Department, @Reason, @SentOn, @Now, @By)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CaseView view) : ICommandHandler<Command, CaseDto>
    {
        public async ValueTask<CaseDto> Handle(Command command, CancellationToken ct)
        {
            var c = await CaseRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            if (command.SentOn < DateOnly.FromDateTime(c.CreatedAt.UtcDateTime).AddDays(-1) || command.SentOn > await view.TodayAsync(db, ct))
                throw Input.Invalid(nameof(Command.SentOn), "发函日期应在线索登记之后且不晚于今天", "The letter is dated after the lead and not in the future");
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), CaseId = c.Id, Department = command.Department!.Trim(), Reason = command.Reason!.Trim(),
                command.SentOn, Now = now, By = user.DisplayName,
            }, ct);
            return await CaseRows.RecordedAsync(db, view, c, now, ct);
        }
    }
}
