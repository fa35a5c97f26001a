using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Unlicensed;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>A mobilisation event 宣传动员 of the campaign: a meeting with operators 业主座谈会 or a publicity event, counted.</summary>
public static class RecordMobilisation
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<MobilisationDto>
    {
        [RouteValue] public Guid CampaignId { get; init; }
        public DateOnly? HeldOn { get; init; }
        [OneOf<MobilisationKind>] public string? Kind { get; init; }
        public int? Attendees { get; init; }
        public string? Note { get; init; }
    }

    public sealed record MobilisationDto
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public DateOnly HeldOn { get; init; }
        public string Kind { get; init; } = "";
        public int Attendees { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.HeldOn).NotNull().Named("日期", "Date");
            RuleFor(x => x.Kind).Must(Wire.IsValid<MobilisationKind>)
                .Says($"活动类型应为：{Wire.Allowed<MobilisationKind>()}", $"Kind must be one of: {Wire.Allowed<MobilisationKind>()}");
            RuleFor(x => x.Attendees).NotNull().InclusiveBetween(0, 100000).Named("参加人数", "Attendees");
            RuleFor(x => x.Note).MaximumLength(2000).Named("说明", "Note");
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO unlicensed_mobilisations (id, campaign_id, held_on, kind, attendees, note, created_at, created_by)
        VALUES (@Id, @CampaignId, @HeldOn, @Kind, @Attendees, @Note, @Now, @By)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock)
        : ICommandHandler<Command, MobilisationDto>
    {
        public async ValueTask<MobilisationDto> Handle(Command command, CancellationToken ct)
        {
            var campaign = await UnlicensedRows.ChangeableCampaignAsync(db, user, command.CampaignId, ct);
            UnlicensedRows.EnsureWithin("HeldOn", command.HeldOn!.Value, campaign, await UnlicensedRows.TodayAsync(db, calendars, clock, ct));
            var now = clock.GetUtcNow();
            var dto = new MobilisationDto
            {
                Id = Guid.CreateVersion7(now), CampaignId = campaign.Id, HeldOn = command.HeldOn.Value, Kind = command.Kind!,
                Attendees = command.Attendees!.Value, Note = Input.Clean(command.Note),
            };
            await db.ExecuteAsync(Insert, new { dto.Id, dto.CampaignId, dto.HeldOn, dto.Kind, dto.Attendees, dto.Note, Now = now, By = user.UserId }, ct);
            db.AuditAbout("unlicensedMobilisation", dto.Id);
            return dto;
        }
    }
}
