using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Inspections.Domain.Unlicensed;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>
/// Records a joint department's answer on a venue's prerequisite 前置条件 (fire safety, commerce,
/// environment, health). An answer may be corrected (a refusal followed by a re-inspection) until
/// the venue's outcome is recorded; each change moves the venue's version.
/// </summary>
public static class DecidePrerequisite
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : VenueStep, ICommand<UnlicensedCampaignVenueDto>
    {
        [RouteValue] [OneOf<JointDepartment>] public string? Department { get; init; }
        [OneOf<PrerequisiteStatus>] public string? Status { get; init; }
        public DateOnly? DecidedOn { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : VenueStepValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Department).Must(UnlicensedRows.IsPrerequisiteDepartment)
                .Says($"前置条件部门应为：{UnlicensedRows.AllowedPrerequisiteDepartments}", $"Department must be one of: {UnlicensedRows.AllowedPrerequisiteDepartments}");
            RuleFor(x => x.Status).Must(Wire.IsValid<PrerequisiteStatus>)
                .Says($"审核状态应为：{Wire.Allowed<PrerequisiteStatus>()}", $"Status must be one of: {Wire.Allowed<PrerequisiteStatus>()}");
            RuleFor(x => x.DecidedOn).NotNull().When(x => x.Status != Wire.Name(PrerequisiteStatus.Pending))
                .Says("通过或未通过须填写审核日期", "An approval or refusal needs its date");
            RuleFor(x => x.DecidedOn).Null().When(x => x.Status == Wire.Name(PrerequisiteStatus.Pending))
                .Says("待审核不填写审核日期", "A pending prerequisite has no decision date");
            RuleFor(x => x.Note).NotEmpty().When(x => x.Status == Wire.Name(PrerequisiteStatus.Refused))
                .Says("未通过须写明原因", "Say why the department refused");
            RuleFor(x => x.Note).MaximumLength(2000).Named("说明", "Note");
        }
    }

    private static readonly Sql BumpVersion = new("""
        UPDATE unlicensed_campaign_venues SET version = version + 1
        WHERE id = @Id AND version = @Version AND outcome IS NULL
        """);

    private static readonly Sql Record = new("""
        UPDATE unlicensed_prerequisites SET status = @Status, decided_on = @DecidedOn, note = @Note
        WHERE campaign_venue_id = @Id AND department = @Department
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, ClockOptions options, TimeProvider clock)
        : ICommandHandler<Command, UnlicensedCampaignVenueDto>
    {
        public async ValueTask<UnlicensedCampaignVenueDto> Handle(Command command, CancellationToken ct)
        {
            var (_, venue) = await VenueSteps.UndecidedAsync(db, user, command, ct);
            if (command.DecidedOn is { } decided)
                UnlicensedRows.EnsureDated("DecidedOn", decided, venue.FoundOn, "排查发现日", "the survey date",
                    await UnlicensedRows.TodayAsync(db, calendars, clock, ct));

            // The venue's version guards its prerequisites too: bump it first, and write the answer only if that matched.
            var changed = await db.ExecuteAsync(BumpVersion, new { venue.Id, command.Version }, ct);
            if (changed > 0)
                await db.ExecuteAsync(Record, new
                {
                    venue.Id, command.Department, command.Status, command.DecidedOn, Note = Input.Clean(command.Note),
                }, ct);
            return await VenueSteps.RecordedAsync(db, command, venue, changed, calendars, options, clock, ct);
        }
    }
}
