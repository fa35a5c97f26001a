using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>A joint on-site office day 联合现场办公: the departments present and the batch of the campaign's venues handled.</summary>
public static class RecordOfficeDay
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<OfficeDayDto>
    {
        [RouteValue] public Guid CampaignId { get; init; }
        public DateOnly? HeldOn { get; init; }
        [OneOf<JointDepartment>] public IReadOnlyList<string?>? Departments { get; init; }
        public IReadOnlyList<Guid>? CampaignVenueIds { get; init; }
        public string? Note { get; init; }
    }

    public sealed record OfficeDayDto
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public DateOnly HeldOn { get; init; }
        public IReadOnlyList<string> Departments { get; init; } = [];
        public IReadOnlyList<Guid> CampaignVenueIds { get; init; } = [];
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.HeldOn).NotNull().Named("办公日期", "Date");
            RuleFor(x => x.Departments).NotEmpty().Named("参加部门", "Departments");
            RuleFor(x => x.Departments).Must(d => d!.All(Wire.IsValid<JointDepartment>) && d!.Distinct().Count() == d!.Count)
                .When(x => x.Departments is not null)
                .Says($"参加部门应为不重复的：{Wire.Allowed<JointDepartment>()}", $"Departments must be distinct values of: {Wire.Allowed<JointDepartment>()}");
            RuleFor(x => x.CampaignVenueIds).NotEmpty().Named("办理场所", "Venues handled");
            RuleFor(x => x.CampaignVenueIds).Must(v => v!.Count <= 200 && v.Distinct().Count() == v.Count)
                .When(x => x.CampaignVenueIds is not null)
                .Says("办理场所不能重复，且一次最多 200 家", "Venues handled must be distinct, at most 200 at once");
            RuleFor(x => x.Note).MaximumLength(2000).Named("说明", "Note");
        }
    }

    private static readonly Sql CountVenue = new(
        "SELECT COUNT(*) FROM unlicensed_campaign_venues WHERE id = @Id AND campaign_id = @CampaignId");

    private static readonly Sql Insert = new("""
        INSERT INTO unlicensed_office_days (id, campaign_id, held_on, departments, note, created_at, created_by)
        VALUES (@Id, @CampaignId, @HeldOn, @Departments, @Note, @Now, @By)
        """);

    private static readonly Sql InsertVenue = new(
        "INSERT INTO unlicensed_office_day_venues (office_day_id, campaign_venue_id) VALUES (@Id, @CampaignVenueId)");

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock)
        : ICommandHandler<Command, OfficeDayDto>
    {
        public async ValueTask<OfficeDayDto> Handle(Command command, CancellationToken ct)
        {
            var campaign = await UnlicensedRows.ChangeableCampaignAsync(db, user, command.CampaignId, ct);
            UnlicensedRows.EnsureWithin("HeldOn", command.HeldOn!.Value, campaign, await UnlicensedRows.TodayAsync(db, calendars, clock, ct));
            foreach (var venueId in command.CampaignVenueIds!)
                if (await db.ExecuteScalarAsync<long>(CountVenue, new { Id = venueId, CampaignId = campaign.Id }, ct) == 0)
                    throw Input.Invalid("CampaignVenueIds", $"场所 {venueId} 不属于本次整治行动", $"Venue {venueId} is not part of this campaign");

            var now = clock.GetUtcNow();
            var dto = new OfficeDayDto
            {
                Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, HeldOn = command.HeldOn.Value,
                Departments = command.Departments!.Select(d => d!).ToList(), CampaignVenueIds = command.CampaignVenueIds!,
                Note = Input.Clean(command.Note),
            };
            await db.ExecuteAsync(Insert, new
            {
                dto.Id, dto.CampaignId, dto.HeldOn, Departments = string.Join(',', dto.Departments), dto.Note, Now = now, By = user.UserId,
            }, ct);
            foreach (var venueId in dto.CampaignVenueIds)
                await db.ExecuteAsync(InsertVenue, new { dto.Id, CampaignVenueId = venueId }, ct);
            db.AuditAbout("unlicensedOfficeDay", dto.Id);
            return dto;
        }
    }
}
