using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Inspections;
using Inspections.Domain.Unlicensed;
using Inspections.Domain.Venues;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>Loading and the refusals every unlicensed-campaign slice shares.</summary>
internal static class UnlicensedRows
{
    public static readonly string AllowedPrerequisiteDepartments =
        string.Join(", ", UnlicensedTerms.PrerequisiteDepartments.Select(Wire.Name));

    public static bool IsPrerequisiteDepartment(string? wire) =>
        Wire.TryParse<JointDepartment>(wire, out var d) && UnlicensedTerms.PrerequisiteDepartments.Contains(d);

    public const string NoticeClockType = "unlicensed-notice";

    private sealed record CampaignRow
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public string VenueTypes { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string CreatedBy { get; init; } = "";
        public long Version { get; init; }
    }

    private static readonly Sql SelectCampaign = new("""
        SELECT id, jurisdiction, name, description, starts_on, ends_on, venue_types, created_at, created_by, version
        FROM unlicensed_campaigns WHERE id = @Id
        """);

    private static readonly Sql SelectCampaigns = new("""
        SELECT id, jurisdiction, name, description, starts_on, ends_on, venue_types, created_at, created_by, version
        FROM unlicensed_campaigns WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast ORDER BY starts_on DESC, id DESC
        """);

    public static async Task<UnlicensedCampaignDto> CampaignAsync(DbSession db, Guid id, CancellationToken ct) =>
        Show(await db.QuerySingleOrDefaultAsync<CampaignRow>(SelectCampaign, new { Id = id }, ct)
            ?? throw new NotFoundException("整治行动", "campaign", id));

    /// <summary>The campaigns of a jurisdiction and those below it, latest first (a district runs a handful a year, so no paging).</summary>
    public static async Task<IReadOnlyList<UnlicensedCampaignDto>> CampaignsAsync(DbSession db, string jurisdiction, CancellationToken ct) =>
        (await db.QueryAsync<CampaignRow>(SelectCampaigns, new { JurisdictionFirst = Jurisdiction.Range(jurisdiction).First, JurisdictionLast = Jurisdiction.Range(jurisdiction).Last }, ct))
            .Select(Show).ToList();

    private static UnlicensedCampaignDto Show(CampaignRow row) => new()
    {
        Id = row.Id, Jurisdiction = row.Jurisdiction, Name = row.Name, Description = row.Description,
        StartsOn = row.StartsOn, EndsOn = row.EndsOn, VenueTypes = row.VenueTypes.Split(',', StringSplitOptions.RemoveEmptyEntries),
        CreatedAt = row.CreatedAt, CreatedBy = row.CreatedBy, Version = row.Version,
    };

    /// <summary>The campaign, if the caller may see it.</summary>
    public static async Task<UnlicensedCampaignDto> VisibleCampaignAsync(DbSession db, ICurrentUser user, Guid id, CancellationToken ct)
    {
        var campaign = await CampaignAsync(db, id, ct);
        user.EnsureCanSee(campaign.Jurisdiction);
        return campaign;
    }

    /// <summary>The campaign, if the caller may change it (officers and supervisors of its own jurisdiction).</summary>
    public static async Task<UnlicensedCampaignDto> ChangeableCampaignAsync(DbSession db, ICurrentUser user, Guid id, CancellationToken ct)
    {
        var campaign = await CampaignAsync(db, id, ct);
        user.EnsureCanChange(campaign.Jurisdiction);
        return campaign;
    }

    private const string VenueColumns = """
        cv.id, cv.campaign_id, cv.venue_id, v.name AS venue_name, v.venue_type, v.address, v.operator_name, v.license_status,
        cv.jurisdiction, cv.found_on, cv.found_by, cv.survey_note, cv.notice_issued_on, cv.notice_limit_days, cv.notice_due_on,
        cv.notice_requirements, cv.outcome, cv.outcome_on, cv.permit_application_id, cv.certificate_number,
        cv.referral_department, cv.outcome_note, cv.version
        """;

    private static readonly Sql SelectVenue = new($"""
        SELECT {VenueColumns}
        FROM unlicensed_campaign_venues cv JOIN venues v ON v.id = cv.venue_id
        WHERE cv.id = @Id AND cv.campaign_id = @CampaignId
        """);

    private static readonly Sql SelectVenues = new($"""
        SELECT {VenueColumns}
        FROM unlicensed_campaign_venues cv JOIN venues v ON v.id = cv.venue_id
        WHERE cv.campaign_id = @CampaignId
        ORDER BY cv.found_on, v.name, cv.id
        """);

    private sealed record PrerequisiteRow
    {
        public Guid CampaignVenueId { get; init; }
        public string Department { get; init; } = "";
        public string Status { get; init; } = "";
        public DateOnly? DecidedOn { get; init; }
        public string? Note { get; init; }
    }

    private static readonly Sql SelectPrerequisites = new("""
        SELECT p.campaign_venue_id, p.department, p.status, p.decided_on, p.note
        FROM unlicensed_prerequisites p JOIN unlicensed_campaign_venues cv ON cv.id = p.campaign_venue_id
        WHERE cv.campaign_id = @CampaignId
        """);

    /// <summary>One venue of the campaign without prerequisites or clock: enough for a command to decide.</summary>
    public static async Task<UnlicensedCampaignVenueDto> VenueRowAsync(DbSession db, Guid campaignId, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<UnlicensedCampaignVenueDto>(SelectVenue, new { Id = id, CampaignId = campaignId }, ct)
        ?? throw new NotFoundException("整治场所", "campaign venue", id);

    /// <summary>The campaign's venues as shown: prerequisites in a fixed department order and the notice clock at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<UnlicensedCampaignVenueDto>> VenuesAsync(
        DbSession db, Guid campaignId, ClockEvaluator evaluator, DateTimeOffset now, int dueSoon, CancellationToken ct, Guid? only = null)
    {
        var venues = await db.QueryAsync<UnlicensedCampaignVenueDto>(SelectVenues, new { CampaignId = campaignId }, ct);
        var prerequisites = (await db.QueryAsync<PrerequisiteRow>(SelectPrerequisites, new { CampaignId = campaignId }, ct))
            .ToLookup(p => p.CampaignVenueId);
        var order = UnlicensedTerms.PrerequisiteDepartments.Select(Wire.Name).ToList();
        return venues.Where(v => only is null || v.Id == only).Select(v => v with
        {
            NoticeClock = ClockDto.Show(evaluator, NoticeClock(v), now, dueSoon, NoticeDeadlineSource.Wording),
            Prerequisites = prerequisites[v.Id].OrderBy(p => order.IndexOf(p.Department))
                .Select(p => new PrerequisiteDto { Department = p.Department, Status = p.Status, DecidedOn = p.DecidedOn, Note = p.Note })
                .ToList(),
        }).ToList();
    }

    /// <summary>A notice still waiting for the venue's outcome runs as a natural-day clock; a decided one is closed.</summary>
    public static DeadlineClock? NoticeClock(UnlicensedCampaignVenueDto v) =>
        v is { NoticeIssuedOn: { } issued, NoticeLimitDays: { } days, Outcome: null }
            ? NoticeClock(v.Id, issued, days)
            : null;

    public static DeadlineClock NoticeClock(Guid campaignVenueId, DateOnly issuedOn, int limitDays) =>
        NoticeDeadlineSource.Clock(NoticeClockType, campaignVenueId, issuedOn, limitDays);

    public static async Task<UnlicensedCampaignVenueDto> ShowVenueAsync(
        DbSession db, CalendarStore calendars, ClockOptions options, TimeProvider clock, Guid campaignId, Guid id, CancellationToken ct)
    {
        var evaluator = await calendars.EvaluatorAsync(db, ct);
        var venues = await VenuesAsync(db, campaignId, evaluator, clock.GetUtcNow(), options.DueSoonFor("notice"), ct, only: id);
        return venues.SingleOrDefault() ?? throw new NotFoundException("整治场所", "campaign venue", id);
    }

    /// <summary>The local date now: no event of the campaign may be dated after it.</summary>
    public static async Task<DateOnly> TodayAsync(DbSession db, CalendarStore calendars, TimeProvider clock, CancellationToken ct) =>
        (await calendars.EvaluatorAsync(db, ct)).LocalDate(clock.GetUtcNow());

    /// <summary>Refuses a date outside [<paramref name="earliest"/>, today] as a field error.</summary>
    public static void EnsureDated(string field, DateOnly date, DateOnly earliest, string earliestZh, string earliestEn, DateOnly today)
    {
        if (date < earliest)
            throw Input.Invalid(field, $"日期不能早于{earliestZh}（{earliest:yyyy-MM-dd}）", $"The date cannot precede {earliestEn} ({earliest:yyyy-MM-dd})");
        if (date > today)
            throw Input.Invalid(field, "日期不能晚于今天", "The date cannot be in the future");
    }

    /// <summary>Campaign work (survey, mobilisation, office days) happens within the campaign's period and not after today.</summary>
    public static void EnsureWithin(string field, DateOnly date, UnlicensedCampaignDto campaign, DateOnly today)
    {
        EnsureDated(field, date, campaign.StartsOn, "整治行动开始日", "the campaign's start", today);
        if (date > campaign.EndsOn)
            throw Input.Invalid(field, $"日期不能晚于整治行动结束日（{campaign.EndsOn:yyyy-MM-dd}）",
                $"The date cannot follow the campaign's end ({campaign.EndsOn:yyyy-MM-dd})");
    }

    public static bool IsTargetType(UnlicensedCampaignDto campaign, string? type) =>
        type is not null && campaign.VenueTypes.Contains(type, StringComparer.Ordinal);

    public static string TypeNames(UnlicensedCampaignDto campaign) => string.Join("、", campaign.VenueTypes.Select(t =>
        Wire.TryParse<VenueType>(t, out var v) ? v.ChineseName() : t));
}
