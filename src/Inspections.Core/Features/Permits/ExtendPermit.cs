using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>
/// A supervisor extends the statutory limit 延长法定时限 once, by the configured working days unless
/// fewer are asked, with the reason told to the applicant (art. 42). The promised limit is the
/// window's own commitment and is never extended.
/// </summary>
public static class ExtendPermit
{
    [NotForStations(StationBar.Permits)]
    [AllowedRoles(Roles.Supervisor)]
    public sealed record Command : ICommand<PermitDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
        public int? Days { get; init; }
        public string? Reason { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Version).IsVersion();
            RuleFor(x => x.Days).GreaterThan(0).Named("延长天数", "Days");
            RuleFor(x => x.Reason).NotEmpty().MaximumLength(1000).Named("延长理由", "Reason");
        }
    }

    private static readonly Sql CountExtensions = new("SELECT COUNT(*) FROM permit_extensions WHERE application_id = @Id");
    private static readonly Sql Insert = new("""
        INSERT INTO permit_extensions (id, application_id, days, reason, approver_id, approver_name, approved_at)
        VALUES (@Id, @ApplicationId, @Days, @Reason, @ApproverId, @ApproverName, @Now)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, CalendarStore calendars, PermitOptions options, PermitView view)
        : ICommandHandler<Command, PermitDto>
    {
        public async ValueTask<PermitDto> Handle(Command command, CancellationToken ct)
        {
            var stored = await PermitRows.LoadForChangeAsync(db, user, command.Id, command.Version!.Value, ct);
            var now = clock.GetUtcNow();
            var current = PermitClocks.Effective(stored, await calendars.EvaluatorAsync(db, ct), now);
            var days = command.Days ?? options.ExtensionDays;
            if (days > options.ExtensionDays)
                throw Input.Invalid("days", $"延长不能超过 {options.ExtensionDays} 个工作日", $"An extension cannot exceed {options.ExtensionDays} working days");
            if (!PermitStageMachine.ClocksRun(current.StageValue) || current.StageValue is PermitStage.Approved or PermitStage.Refused)
                throw new ConflictException(
                    $"申请处于“{current.StageValue.Chinese()}”环节，只有受理后、作出决定前可以延长法定时限。",
                    $"The application is at {current.StageValue.English()}; the statutory limit can be extended only between acceptance and the decision.");
            if (await db.ExecuteScalarAsync<long>(CountExtensions, new { command.Id }, ct) > 0)
                throw new ConflictException("法定时限已经延长过一次，不能再次延长。", "The statutory limit was already extended once.");

            await db.ExecuteAsync(Insert, new
            {
                Id = Guid.CreateVersion7(now), ApplicationId = command.Id, Days = days, Reason = command.Reason!.Trim(),
                ApproverId = user.UserId, ApproverName = user.DisplayName, Now = now,
            }, ct);
            // A deemed acceptance found here is written down with the change, so the row and its clocks agree.
            await PermitRows.SaveAsync(db, stored, current with { UpdatedAt = now }, ct);
            db.AuditAbout("permit", command.Id);
            return await view.BuildAsync(db, await PermitRows.LoadAsync(db, command.Id, ct), ct);
        }
    }
}
