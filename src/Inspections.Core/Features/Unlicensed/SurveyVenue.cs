using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Access;
using Inspections.Domain.Unlicensed;
using Inspections.Domain.Venues;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>
/// The survey 摸底排查: an unlicensed venue found during the campaign is registered in the venues
/// register as unlicensed 无证无照 and linked to the campaign, with its four prerequisites pending.
/// A venue found is registered in its town or street when one is given (in the campaign's jurisdiction).
/// A venue already registered (as unlicensed, within the campaign's jurisdiction, of a target type) is
/// linked by its id instead, so the register never holds the same premises twice.
/// </summary>
public static class SurveyVenue
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<UnlicensedCampaignVenueDto>
    {
        [RouteValue] public Guid CampaignId { get; init; }
        public Guid? VenueId { get; init; }
        public string? Name { get; init; }
        public string? Address { get; init; }
        [OneOf<VenueType>] public string? Type { get; init; }
        /// <summary>The town or street 乡镇（街道） the venue found lies in (defaults to the campaign's jurisdiction).</summary>
        public string? Jurisdiction { get; init; }
        public string? OperatorName { get; init; }
        public int? Terminals { get; init; }
        public int? Rooms { get; init; }
        public DateOnly? FoundOn { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.FoundOn).NotNull().Named("排查日期", "Survey date");
            RuleFor(x => x.Note).MaximumLength(2000).Named("排查情况", "Note");
            When(x => x.VenueId is null, () =>
            {
                RuleFor(x => x.Name).NotEmpty().MaximumLength(200).Named("场所名称", "Name");
                RuleFor(x => x.Address).NotEmpty().MaximumLength(400).Named("经营地址", "Address");
                RuleFor(x => x.OperatorName).NotEmpty().MaximumLength(100).Named("经营者", "Operator");
                RuleFor(x => x.Type).NotEmpty().Named("场所类型", "Type")
                    .DependentRules(() => RuleFor(x => x.Type).Must(Wire.IsValid<VenueType>)
                        .Says($"未知的场所类型，可选值：{Wire.Allowed<VenueType>()}", $"Unknown venue type; allowed: {Wire.Allowed<VenueType>()}"));
                RuleFor(x => x.Terminals).GreaterThanOrEqualTo(0).LessThanOrEqualTo(10000).Named("终端数", "Terminals");
                RuleFor(x => x.Rooms).GreaterThanOrEqualTo(0).LessThanOrEqualTo(1000).Named("包房数", "Rooms");
                RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            });
            RuleFor(x => x.Jurisdiction).Null().When(x => x.VenueId is not null)
                .Says("已登记的场所已有所属辖区，不再填写", "A registered venue already has its jurisdiction");
            RuleFor(x => x.Name).Empty().When(x => x.VenueId is not null)
                .Says("已登记的场所只需 venueId，不再填写场所信息", "Give either venueId or the venue's facts, not both");
        }
    }

    /// <summary>What the venues register gets for a venue the survey found.</summary>
    private sealed record FoundVenue : VenueFacts;

    private sealed record ExistingVenue
    {
        public string Jurisdiction { get; init; } = "";
        public string VenueType { get; init; } = "";
        public string LicenseStatus { get; init; } = "";
    }

    private static readonly Sql SelectVenue = new("SELECT jurisdiction, venue_type, license_status FROM venues WHERE id = @Id");

    private static readonly Sql CountLinks = new(
        "SELECT COUNT(*) FROM unlicensed_campaign_venues WHERE campaign_id = @CampaignId AND venue_id = @VenueId");

    /// <summary>
    /// Two officers linking the same venue at once: the second insert finds the first's row (or
    /// waits for it) and writes nothing, instead of raising a unique violation.
    /// </summary>
    internal static readonly Sql InsertLink = new(d => d.InsertIfAbsent("unlicensed_campaign_venues",
        "id, campaign_id, venue_id, jurisdiction, found_on, found_by, survey_note, created_at, version",
        "@Id, @CampaignId, @VenueId, @Jurisdiction, @FoundOn, @FoundBy, @Note, @Now, 1",
        "campaign_id", "venue_id"));

    internal static readonly Sql InsertPrerequisite = new("""
        INSERT INTO unlicensed_prerequisites (campaign_venue_id, department, status, decided_on, note)
        VALUES (@Id, @Department, @Status, NULL, NULL)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, ClockOptions options, TimeProvider clock)
        : ICommandHandler<Command, UnlicensedCampaignVenueDto>
    {
        public async ValueTask<UnlicensedCampaignVenueDto> Handle(Command command, CancellationToken ct)
        {
            var campaign = await UnlicensedRows.ChangeableCampaignAsync(db, user, command.CampaignId, ct);
            var today = await UnlicensedRows.TodayAsync(db, calendars, clock, ct);
            var id = await SurveyAsync(db, user, campaign, command, today, clock.GetUtcNow(), ct);
            db.AuditAbout("unlicensedCampaignVenue", id);
            return await UnlicensedRows.ShowVenueAsync(db, calendars, options, clock, campaign.Id, id, ct);
        }
    }

    /// <summary>
    /// One venue found: checked against the campaign (period, jurisdiction, target types), registered or linked, with
    /// its four prerequisites pending. Every refusal is thrown before anything is written. Shared with the survey list
    /// import <see cref="ImportSurvey"/>, which does this for each row of a 摸底排查表.
    /// </summary>
    internal static async Task<Guid> SurveyAsync(DbSession db, ICurrentUser user, UnlicensedCampaignDto campaign, Command command,
        DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        UnlicensedRows.EnsureWithin("FoundOn", command.FoundOn!.Value, campaign, today);
        var venueId = command.VenueId is { } existing
            ? await CheckExistingAsync(db, campaign, existing, ct)
            : await RegisterAsync(db, user, campaign, command, now, ct);

        var id = Guid.CreateVersion7(now);
        var linked = await db.ExecuteAsync(InsertLink, new
        {
            Id = id, campaign.Jurisdiction, CampaignId = campaign.Id, VenueId = venueId, command.FoundOn,
            FoundBy = user.UserId, Note = Input.Clean(command.Note), Now = now,
        }, ct);
        if (linked == 0) throw AlreadyLinked();
        foreach (var department in UnlicensedTerms.PrerequisiteDepartments)
            await db.ExecuteAsync(InsertPrerequisite, new
            {
                Id = id, Department = Wire.Name(department), Status = Wire.Name(PrerequisiteStatus.Pending),
            }, ct);
        return id;
    }

    private static async Task<Guid> CheckExistingAsync(DbSession db, UnlicensedCampaignDto campaign, Guid venueId, CancellationToken ct)
    {
        var venue = await db.QuerySingleOrDefaultAsync<ExistingVenue>(SelectVenue, new { Id = venueId }, ct)
            ?? throw Input.Invalid("VenueId", "未找到该场所", "No such venue");
        if (!Jurisdiction.Covers(campaign.Jurisdiction, venue.Jurisdiction))
            throw Input.Invalid("VenueId", $"该场所不在本次整治行动的辖区（{campaign.Jurisdiction}）内",
                $"The venue is outside the campaign's jurisdiction ({campaign.Jurisdiction})");
        if (!UnlicensedRows.IsTargetType(campaign, venue.VenueType))
            throw Input.Invalid("VenueId", $"该场所类型不在本次整治范围（{UnlicensedRows.TypeNames(campaign)}）内",
                $"The venue's type is not a target of this campaign ({string.Join(", ", campaign.VenueTypes)})");
        if (venue.LicenseStatus != Wire.Name(LicenseStatus.Unlicensed))
            throw Input.Invalid("VenueId", "只有无证无照场所纳入整治", "Only unlicensed venues are taken into the campaign");
        if (await db.ExecuteScalarAsync<long>(CountLinks, new { CampaignId = campaign.Id, VenueId = venueId }, ct) > 0)
            throw AlreadyLinked();
        return venueId;
    }

    private static ConflictException AlreadyLinked() =>
        new("该场所已纳入本次整治行动。", "The venue is already part of this campaign.");

    private static async Task<Guid> RegisterAsync(DbSession db, ICurrentUser user, UnlicensedCampaignDto campaign, Command command, DateTimeOffset now, CancellationToken ct)
    {
        if (!UnlicensedRows.IsTargetType(campaign, command.Type))
            throw Input.Invalid("Type", $"该场所类型不在本次整治范围（{UnlicensedRows.TypeNames(campaign)}）内",
                $"The venue's type is not a target of this campaign ({string.Join(", ", campaign.VenueTypes)})");
        if (command.Terminals is not null && command.Type != Wire.Name(VenueType.InternetCafe))
            throw Input.Invalid("Terminals", "只有网吧填写终端数", "Only internet cafés have terminals");
        if (command.Rooms is not null && command.Type != Wire.Name(VenueType.SongAndDance) && command.Type != Wire.Name(VenueType.GameArcade))
            throw Input.Invalid("Rooms", "只有歌舞、游艺娱乐场所填写包房数", "Only song-and-dance venues and arcades have rooms");
        var facts = new FoundVenue
        {
            Name = command.Name, Address = command.Address, Type = command.Type, OperatorName = command.OperatorName,
            LicenseStatus = Wire.Name(LicenseStatus.Unlicensed), Terminals = command.Terminals, Rooms = command.Rooms,
        };
        var jurisdiction = command.Jurisdiction ?? campaign.Jurisdiction;
        if (!Jurisdiction.Covers(campaign.Jurisdiction, jurisdiction))
            throw Input.Invalid("Jurisdiction", $"该场所所在辖区 {jurisdiction} 不在本次整治行动的辖区（{campaign.Jurisdiction}）内",
                $"Jurisdiction {jurisdiction} is outside the campaign's jurisdiction ({campaign.Jurisdiction})");
        user.EnsureCanChange(jurisdiction);
        if (command.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, "Jurisdiction", jurisdiction, ct);
        var id = Guid.CreateVersion7(now);
        await db.ExecuteAsync(RegisterVenue.Insert, VenueRow.Parameters(facts, id, jurisdiction, now, version: 1), ct);
        return id;
    }
}
