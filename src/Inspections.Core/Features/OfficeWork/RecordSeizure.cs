using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>
/// Records goods confiscated 收缴 or withheld 暂扣 in an action — a district campaign night, a town station's raid on a
/// black internet café (收缴电脑10多台) — with the item, count and unit, and the venue, campaign or inspection it belongs
/// to where there is one. The jurisdiction is the caller's or, for a district, one of its towns (a 9-digit code).
/// An inspection whose record already lists its seizures is not linked again: the report would count them twice.
/// </summary>
public static class RecordSeizure
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<OfficeSeizureDto>
    {
        public DateOnly? SeizedOn { get; init; }
        [OneOf<SeizureAction>] public string? Action { get; init; }
        /// <summary>What was taken, as the office names it: 电脑、电脑主机、游戏机、非法出版物.</summary>
        public string? Item { get; init; }
        public int? Quantity { get; init; }
        /// <summary>台、件、册、张…</summary>
        public string? Unit { get; init; }
        public Guid? VenueId { get; init; }
        /// <summary>The special campaign 专项行动 it was part of (the district's, which a town's station joins).</summary>
        public Guid? CampaignId { get; init; }
        public Guid? InspectionId { get; init; }
        public string? Note { get; init; }
        /// <summary>Defaults to the caller's; a district may record for one of its towns.</summary>
        public string? Jurisdiction { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.SeizedOn).NotNull().Named("日期", "Date");
            RuleFor(x => x.Action).NotEmpty().Named("处置方式", "Action");
            RuleFor(x => x.Action).Must(Wire.IsValid<SeizureAction>).When(x => !string.IsNullOrEmpty(x.Action))
                .Says($"处置方式应为：{Wire.Allowed<SeizureAction>()}（收缴、暂扣）", $"Action must be one of: {Wire.Allowed<SeizureAction>()}");
            RuleFor(x => x.Item).NotEmpty().MaximumLength(200).Named("物品", "Item");
            RuleFor(x => x.Quantity).NotNull().InclusiveBetween(1, 1_000_000).Named("数量", "Quantity");
            RuleFor(x => x.Unit).NotEmpty().MaximumLength(20).Named("单位", "Unit");
            RuleFor(x => x.Note).MaximumLength(2000).Named("备注", "Note");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
        }
    }

    private sealed record InspectionLink
    {
        public string Jurisdiction { get; init; } = "";
        public Guid VenueId { get; init; }
        public Guid? CampaignId { get; init; }
        public long SeizureLines { get; init; }
    }

    private static readonly Sql InspectionOf = new("""
        SELECT jurisdiction, venue_id, campaign_id, (SELECT COUNT(*) FROM inspection_seizures s WHERE s.inspection_id = i.id) AS seizure_lines
        FROM inspections i WHERE i.id = @Id
        """);
    private static readonly Sql CampaignOf = new("SELECT jurisdiction FROM campaigns WHERE id = @Id");

    private static readonly Sql Insert = new($"""
        INSERT INTO office_seizures ({SeizureRows.Columns})
        VALUES (@Id, @Jurisdiction, @SeizedOn, @Action, @Item, @Quantity, @Unit, @VenueId, @CampaignId, @InspectionId, @Note, @Now, @CreatedBy)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, ClockOptions options) : ICommandHandler<Command, OfficeSeizureDto>
    {
        public async ValueTask<OfficeSeizureDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = await OfficeDay.RecordJurisdictionAsync(db, user, command.Jurisdiction, nameof(Command.Jurisdiction), ct);
            OfficeDay.NotAfterToday(command.SeizedOn!.Value, OfficeDay.Today(clock, options), nameof(Command.SeizedOn), "日期", "The date");

            var venueId = command.VenueId;
            var campaignId = command.CampaignId;
            if (command.InspectionId is { } inspectionId)
            {
                var inspection = await db.QuerySingleOrDefaultAsync<InspectionLink>(InspectionOf, new { Id = inspectionId }, ct)
                    ?? throw new NotFoundException("检查记录", "inspection", inspectionId);
                user.EnsureCanSee(inspection.Jurisdiction);
                if (inspection.SeizureLines > 0)
                    throw new ConflictException("该检查记录已登记收缴物品，不能再单独登记，以免重复统计。",
                        "The inspection's record lists its seizures already; recording them again would count them twice.");
                if (venueId is { } v && v != inspection.VenueId)
                    throw Input.Invalid(nameof(Command.VenueId), "场所与检查记录的场所不一致", "The venue is not the inspection's");
                if (campaignId is { } c && c != inspection.CampaignId)
                    throw Input.Invalid(nameof(Command.CampaignId), "专项行动与检查记录的专项行动不一致", "The campaign is not the inspection's");
                venueId = inspection.VenueId;
                campaignId ??= inspection.CampaignId;
            }
            if (venueId is { } venue) user.EnsureCanSee((await VenueRow.LoadAsync(db, venue, ct)).Jurisdiction);
            if (campaignId is { } campaign)
            {
                var campaignJurisdiction = await db.QuerySingleOrDefaultAsync<string>(CampaignOf, new { Id = campaign }, ct)
                    ?? throw new NotFoundException("专项行动", "campaign", campaign);
                // A town's station joins its district's campaigns: the campaign is the caller's to see, or above the seizure's town.
                if (!Jurisdiction.Covers(user.Jurisdiction, campaignJurisdiction) && !Jurisdiction.Covers(campaignJurisdiction, jurisdiction))
                    throw new ForbiddenException($"专项行动不属于辖区 {jurisdiction}。", $"The campaign is not one of jurisdiction {jurisdiction}.");
            }

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                Jurisdiction = jurisdiction,
                SeizedOn = command.SeizedOn!.Value,
                Action = command.Action,
                Item = command.Item!.Trim(),
                Quantity = command.Quantity!.Value,
                Unit = command.Unit!.Trim(),
                VenueId = venueId,
                CampaignId = campaignId,
                command.InspectionId,
                Note = Input.Clean(command.Note),
                Now = now,
                CreatedBy = user.UserId,
            }, ct);
            db.AuditAbout("seizure", id);
            return await SeizureRows.LoadAsync(db, id, ct);
        }
    }
}
