using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Unlicensed;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>
/// Campaign progress 整治进展: venues found by type, outcomes, prerequisite answers by department,
/// notices (open and overdue by the clock now), mobilisation and office days, and the report's
/// sentence written from those figures.
/// </summary>
public static class UnlicensedCampaignProgress
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid CampaignId) : IQuery<ProgressDto>;

    public sealed record ProgressDto
    {
        public Guid CampaignId { get; init; }
        public string Name { get; init; } = "";
        public DateOnly AsOf { get; init; }
        public long VenuesFound { get; init; }
        public IReadOnlyList<TypeCount> FoundByType { get; init; } = [];
        public OutcomeCounts Outcomes { get; init; } = new();
        public IReadOnlyList<DepartmentCount> ReferralsByDepartment { get; init; } = [];
        public IReadOnlyList<PrerequisiteCounts> Prerequisites { get; init; } = [];
        public NoticeCounts Notices { get; init; } = new();
        public MobilisationCounts Mobilisation { get; init; } = new();
        public OfficeDayCounts OfficeDays { get; init; } = new();
        /// <summary>The campaign's line of the half-year report, e.g. "开展无证网吧集中整治，摸底排查无证经营场所12家，…".</summary>
        public string Summary { get; init; } = "";
    }

    public sealed record TypeCount
    {
        public string Type { get; init; } = "";
        public long Venues { get; init; }
    }

    public sealed record OutcomeCounts
    {
        public long Licensed { get; init; }            // 办证
        public long GuidanceCertificate { get; init; } // 发放辅导证
        public long Banned { get; init; }              // 取缔
        public long Referred { get; init; }            // 函告/移送
        public long Undecided { get; init; }           // 尚无结果
    }

    public sealed record DepartmentCount
    {
        public string Department { get; init; } = "";
        public long Venues { get; init; }
    }

    public sealed record PrerequisiteCounts
    {
        public string Department { get; init; } = "";
        public long Pending { get; init; }
        public long Approved { get; init; }
        public long Refused { get; init; }
    }

    public sealed record NoticeCounts
    {
        public long Issued { get; init; }
        /// <summary>Issued and waiting for the venue's outcome.</summary>
        public long Open { get; init; }
        public long Overdue { get; init; }
        public IReadOnlyList<OverdueNotice> OverdueVenues { get; init; } = [];
    }

    public sealed record OverdueNotice
    {
        public Guid CampaignVenueId { get; init; }
        public string VenueName { get; init; } = "";
        public DateOnly DueDate { get; init; }
    }

    public sealed record MobilisationCounts
    {
        public long Meetings { get; init; }
        public long MeetingAttendees { get; init; }
        public long PublicityEvents { get; init; }
        public long PublicityAttendees { get; init; }
    }

    public sealed record OfficeDayCounts
    {
        public long Days { get; init; }
        /// <summary>Distinct venues handled on any office day.</summary>
        public long VenuesHandled { get; init; }
    }

    private sealed record GroupRow
    {
        public Guid CampaignId { get; init; }
        public string? GroupKey { get; init; }
        public string? SubKey { get; init; }
        public long Number { get; init; }
        public long Total { get; init; }
    }

    private sealed record CampaignRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary>Which campaigns one pass counts: the arguments of every statement below.</summary>
    private sealed record Choice(int One, Guid Id, string JurisdictionFirst, string JurisdictionLast, DateOnly From, DateOnly To)
    {
        public string Referred { get; } = Wire.Name(VenueOutcome.Referred);
    }

    // One campaign by its id (@One = 1), or every campaign of a jurisdiction running in a period: each statement
    // counts all of them at once, grouped by campaign, so a report of many campaigns costs the same few queries.
    private const string Chosen = """
        SELECT id FROM unlicensed_campaigns
        WHERE (@One = 1 AND id = @Id)
           OR (@One = 0 AND jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast AND starts_on <= @To AND ends_on >= @From)
        """;

    private static readonly Sql Campaigns = new($"""
        SELECT id, name FROM unlicensed_campaigns WHERE id IN ({Chosen}) ORDER BY starts_on, id
        """);

    private static readonly Sql ByType = new($"""
        SELECT cv.campaign_id, v.venue_type AS group_key, COUNT(*) AS number
        FROM unlicensed_campaign_venues cv JOIN venues v ON v.id = cv.venue_id
        WHERE cv.campaign_id IN ({Chosen})
        GROUP BY cv.campaign_id, v.venue_type
        ORDER BY v.venue_type
        """);

    private static readonly Sql ByOutcome = new($"""
        SELECT campaign_id, outcome AS group_key, COUNT(*) AS number FROM unlicensed_campaign_venues
        WHERE campaign_id IN ({Chosen}) GROUP BY campaign_id, outcome
        """);

    private static readonly Sql ByReferral = new($"""
        SELECT campaign_id, referral_department AS group_key, COUNT(*) AS number FROM unlicensed_campaign_venues
        WHERE campaign_id IN ({Chosen}) AND outcome = @Referred
        GROUP BY campaign_id, referral_department
        ORDER BY COUNT(*) DESC, referral_department
        """);

    private static readonly Sql ByPrerequisite = new($"""
        SELECT cv.campaign_id, p.department AS group_key, p.status AS sub_key, COUNT(*) AS number
        FROM unlicensed_prerequisites p JOIN unlicensed_campaign_venues cv ON cv.id = p.campaign_venue_id
        WHERE cv.campaign_id IN ({Chosen})
        GROUP BY cv.campaign_id, p.department, p.status
        """);

    private static readonly Sql ByMobilisation = new($"""
        SELECT campaign_id, kind AS group_key, COUNT(*) AS number, COALESCE(SUM(attendees), 0) AS total
        FROM unlicensed_mobilisations WHERE campaign_id IN ({Chosen}) GROUP BY campaign_id, kind
        """);

    // Days, and distinct venues handled on any of them (a day without venues adds none).
    private static readonly Sql OfficeDayTotals = new($"""
        SELECT d.campaign_id, COUNT(DISTINCT d.id) AS number, COUNT(DISTINCT dv.campaign_venue_id) AS total
        FROM unlicensed_office_days d LEFT JOIN unlicensed_office_day_venues dv ON dv.office_day_id = d.id
        WHERE d.campaign_id IN ({Chosen})
        GROUP BY d.campaign_id
        """);

    // What the notice counts need of each venue, in the order the campaign's ledger lists them.
    private static readonly Sql NoticeVenues = new($"""
        SELECT cv.id, cv.campaign_id, v.name AS venue_name, cv.notice_issued_on, cv.notice_limit_days, cv.outcome
        FROM unlicensed_campaign_venues cv JOIN venues v ON v.id = cv.venue_id
        WHERE cv.campaign_id IN ({Chosen})
        ORDER BY cv.found_on, v.name, cv.id
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock)
        : IQueryHandler<Query, ProgressDto>
    {
        public async ValueTask<ProgressDto> Handle(Query query, CancellationToken ct)
        {
            var campaign = await UnlicensedRows.VisibleCampaignAsync(db, user, query.CampaignId, ct);
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var progress = await ComputeAsync(db, evaluator, clock.GetUtcNow(), new Choice(1, campaign.Id, "", "", DateOnly.MinValue, DateOnly.MinValue), ct);
            return progress.Single();
        }

        /// <summary>
        /// The progress of every campaign of <paramref name="jurisdiction"/> (and below it) running in the period, by start date:
        /// what the work summary reports, counted in one pass.
        /// </summary>
        internal static Task<IReadOnlyList<ProgressDto>> RunningInAsync(DbSession db, ClockEvaluator evaluator, DateTimeOffset now,
            string jurisdiction, DateOnly from, DateOnly to, CancellationToken ct) =>
            ComputeAsync(db, evaluator, now, new Choice(0, Guid.Empty, Jurisdiction.Range(jurisdiction).First, Jurisdiction.Range(jurisdiction).Last, from, to), ct);

        private static async Task<IReadOnlyList<ProgressDto>> ComputeAsync(DbSession db, ClockEvaluator evaluator, DateTimeOffset now, Choice p,
            CancellationToken ct)
        {
            var campaigns = await db.QueryAsync<CampaignRow>(Campaigns, p, ct);
            if (campaigns.Count == 0) return [];
            var byType = (await db.QueryAsync<GroupRow>(ByType, p, ct)).ToLookup(r => r.CampaignId);
            var byOutcome = (await db.QueryAsync<GroupRow>(ByOutcome, p, ct)).ToLookup(r => r.CampaignId);
            var referrals = (await db.QueryAsync<GroupRow>(ByReferral, p, ct)).ToLookup(r => r.CampaignId);
            var prerequisites = (await db.QueryAsync<GroupRow>(ByPrerequisite, p, ct)).ToLookup(r => r.CampaignId);
            var mobilisation = (await db.QueryAsync<GroupRow>(ByMobilisation, p, ct)).ToLookup(r => r.CampaignId);
            var officeDays = (await db.QueryAsync<GroupRow>(OfficeDayTotals, p, ct)).ToDictionary(r => r.CampaignId);
            var venues = (await db.QueryAsync<UnlicensedCampaignVenueDto>(NoticeVenues, p, ct)).ToLookup(v => v.CampaignId);
            return campaigns.Select(c => Progress(c, byType[c.Id].ToList(), byOutcome[c.Id].ToDictionary(r => r.GroupKey ?? "", r => r.Number),
                    referrals[c.Id].ToList(), prerequisites[c.Id].ToList(), mobilisation[c.Id].ToDictionary(r => r.GroupKey ?? ""),
                    officeDays.GetValueOrDefault(c.Id) ?? new GroupRow(), Notices(venues[c.Id].ToList(), evaluator, now), evaluator.LocalDate(now)))
                .ToList();
        }

        private static ProgressDto Progress(CampaignRow campaign, List<GroupRow> byType, Dictionary<string, long> byOutcome, List<GroupRow> referrals,
            List<GroupRow> prerequisites, Dictionary<string, GroupRow> mobilisation, GroupRow officeDays, NoticeCounts notices, DateOnly asOf)
        {
            long Outcome(VenueOutcome o) => byOutcome.GetValueOrDefault(Wire.Name(o));
            long Prerequisite(string department, PrerequisiteStatus s) =>
                prerequisites.Where(r => r.GroupKey == department && r.SubKey == Wire.Name(s)).Sum(r => r.Number);
            GroupRow Event(MobilisationKind k) => mobilisation.GetValueOrDefault(Wire.Name(k)) ?? new GroupRow();

            var progress = new ProgressDto
            {
                CampaignId = campaign.Id,
                Name = campaign.Name,
                AsOf = asOf,
                VenuesFound = byType.Sum(r => r.Number),
                FoundByType = byType.Select(r => new TypeCount { Type = r.GroupKey ?? "", Venues = r.Number }).ToList(),
                Outcomes = new OutcomeCounts
                {
                    Licensed = Outcome(VenueOutcome.Licensed),
                    GuidanceCertificate = Outcome(VenueOutcome.GuidanceCertificate),
                    Banned = Outcome(VenueOutcome.Banned),
                    Referred = Outcome(VenueOutcome.Referred),
                    Undecided = byOutcome.GetValueOrDefault(""),
                },
                ReferralsByDepartment = referrals.Select(r => new DepartmentCount { Department = r.GroupKey ?? "", Venues = r.Number }).ToList(),
                Prerequisites = UnlicensedTerms.PrerequisiteDepartments.Select(Wire.Name).Select(d => new PrerequisiteCounts
                {
                    Department = d,
                    Pending = Prerequisite(d, PrerequisiteStatus.Pending),
                    Approved = Prerequisite(d, PrerequisiteStatus.Approved),
                    Refused = Prerequisite(d, PrerequisiteStatus.Refused),
                }).ToList(),
                Notices = notices,
                Mobilisation = new MobilisationCounts
                {
                    Meetings = Event(MobilisationKind.Meeting).Number,
                    MeetingAttendees = Event(MobilisationKind.Meeting).Total,
                    PublicityEvents = Event(MobilisationKind.Publicity).Number,
                    PublicityAttendees = Event(MobilisationKind.Publicity).Total,
                },
                OfficeDays = new OfficeDayCounts { Days = officeDays.Number, VenuesHandled = officeDays.Total },
            };
            return progress with { Summary = CampaignSentence.Write(Figures(campaign, progress)) };
        }

        private static NoticeCounts Notices(IReadOnlyList<UnlicensedCampaignVenueDto> venues, ClockEvaluator evaluator, DateTimeOffset now)
        {
            var open = venues.Where(v => UnlicensedRows.NoticeClock(v) is not null).ToList();
            var overdue = open
                .Select(v => (Venue: v, Evaluation: evaluator.Evaluate(UnlicensedRows.NoticeClock(v)!, now, dueSoonDays: 0)))
                .Where(x => x.Evaluation.Status == ClockStatus.Overdue)
                .OrderBy(x => x.Evaluation.DueDate).ThenBy(x => x.Venue.VenueName, StringComparer.Ordinal)
                .Select(x => new OverdueNotice { CampaignVenueId = x.Venue.Id, VenueName = x.Venue.VenueName, DueDate = x.Evaluation.DueDate })
                .ToList();
            return new NoticeCounts
            {
                Issued = venues.Count(v => v.NoticeIssuedOn is not null),
                Open = open.Count,
                Overdue = overdue.Count,
                OverdueVenues = overdue,
            };
        }

        private static CampaignFigures Figures(CampaignRow campaign, ProgressDto p) => new(
            campaign.Name,
            (int)p.VenuesFound,
            (int)p.Mobilisation.Meetings,
            (int)p.Mobilisation.PublicityEvents,
            (int)p.OfficeDays.Days,
            (int)p.Outcomes.Licensed,
            (int)p.Outcomes.GuidanceCertificate,
            (int)p.Outcomes.Banned,
            p.ReferralsByDepartment.Select(r => (r.Department, (int)r.Venues)).ToList());
    }
}
