using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Venues;

/// <summary>
/// The parts of a venue's dossier 一户一档 that its inspections and cases do not carry: the permit applications
/// made for it, its entries in unlicensed-venue campaigns, and the deadline alerts raised on any of its records
/// (its cases, its inspections' rectification notices, its applications, its campaign notices), newest first,
/// the most recent <see cref="Shown"/> of each.
/// </summary>
public static class GetVenueHistory
{
    /// <summary>How many of each kind one answer lists; <c>more</c> says whether older ones exist.</summary>
    public const int Shown = 100;

    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<VenueHistory>;

    public sealed record VenueHistory
    {
        public Guid VenueId { get; init; }
        public IReadOnlyList<PermitEntry> Permits { get; init; } = [];
        public IReadOnlyList<CampaignEntry> CampaignEntries { get; init; } = [];
        public IReadOnlyList<AlertDto> Alerts { get; init; } = [];
        /// <summary>True when a list was cut at <see cref="Shown"/> entries.</summary>
        public bool More { get; init; }
    }

    /// <summary>A permit application made for the venue 行政许可申请.</summary>
    public sealed record PermitEntry
    {
        public Guid Id { get; init; }
        public string ItemCode { get; init; } = "";
        public string ItemName { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Stage { get; init; } = "";
        public string StageName { get; init; } = "";
        public string ApplicantName { get; init; } = "";
        public DateOnly ReceivedOn { get; init; }
        public DateOnly? CompletedOn { get; init; }
        public string? CertificateNumber { get; init; }
        public string HolderName { get; init; } = "";
    }

    /// <summary>The venue's entry in an unlicensed-venue campaign 无证无照经营整治: found, noticed, and how it ended.</summary>
    public sealed record CampaignEntry
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public string CampaignName { get; init; } = "";
        public DateOnly FoundOn { get; init; }
        public DateOnly? NoticeIssuedOn { get; init; }
        public DateOnly? NoticeDueOn { get; init; }
        /// <summary>licensed, guidanceCertificate, banned, referred; null while open.</summary>
        public string? Outcome { get; init; }
        public DateOnly? OutcomeOn { get; init; }
    }

    private static readonly Sql Permits = new(d => $"""
        SELECT id, item_code, item_name, kind, stage, applicant_name, received_on, completed_on, certificate_number, holder_name
        FROM permit_applications
        WHERE venue_id = @Id
        ORDER BY received_on DESC, id DESC
        {d.Limit("@Take")}
        """);

    private static readonly Sql Entries = new(d => $"""
        SELECT cv.id, cv.campaign_id, c.name AS campaign_name, cv.found_on, cv.notice_issued_on, cv.notice_due_on,
               cv.outcome, cv.outcome_on
        FROM unlicensed_campaign_venues cv JOIN unlicensed_campaigns c ON c.id = cv.campaign_id
        WHERE cv.venue_id = @Id
        ORDER BY cv.found_on DESC, cv.id DESC
        {d.Limit("@Take")}
        """);

    // Each alert's subject is one of the venue's records; every subject lookup seeks ux_alerts_subject.
    private static readonly Sql Alerts = new(d => $"""
        SELECT {AlertDto.Columns}
        FROM alerts
        WHERE (subject_type = 'case' AND subject_id IN (SELECT id FROM cases WHERE venue_id = @Id))
           OR (subject_type = 'notice' AND subject_id IN (SELECT id FROM inspections WHERE venue_id = @Id))
           OR (subject_type = 'permit' AND subject_id IN (SELECT id FROM permit_applications WHERE venue_id = @Id))
           OR (subject_type = '{UnlicensedNoticeSource.SubjectType}' AND subject_id IN (SELECT id FROM unlicensed_campaign_venues WHERE venue_id = @Id))
        ORDER BY raised_at DESC, id DESC
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, VenueHistory>
    {
        public async ValueTask<VenueHistory> Handle(Query query, CancellationToken ct)
        {
            var venue = await VenueRow.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(venue.Jurisdiction);
            var arguments = new { query.Id, Take = Shown + 1 };
            var permits = await db.QueryAsync<PermitEntry>(Permits, arguments, ct);
            var entries = await db.QueryAsync<CampaignEntry>(Entries, arguments, ct);
            var alerts = await db.QueryAsync<AlertDto>(Alerts, arguments, ct);
            return new VenueHistory
            {
                VenueId = venue.Id,
                Permits = permits.Take(Shown)
                    .Select(p => p with { StageName = Wire.TryParse<PermitStage>(p.Stage, out var s) ? PermitWire.Describe(s) : p.Stage })
                    .ToList(),
                CampaignEntries = entries.Take(Shown).ToList(),
                Alerts = alerts.Take(Shown).ToList(),
                More = permits.Count > Shown || entries.Count > Shown || alerts.Count > Shown,
            };
        }
    }
}
