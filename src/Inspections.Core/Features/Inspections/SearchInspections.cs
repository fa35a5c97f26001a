using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Inspections.Domain.Inspections;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// Inspections by venue, officer, period (local dates, inclusive), kind, outcome and campaign, newest
/// first, a page at a time (keyset on started_at, id). With a venue id it is that venue's history.
/// </summary>
public static class SearchInspections
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<InspectionSummaryDto>>
    {
        public Guid? VenueId { get; init; }
        public string? Officer { get; init; }
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        [OneOf<InspectionKind>] public string? Kind { get; init; }
        [OneOf<InspectionOutcome>] public string? Outcome { get; init; }
        public Guid? CampaignId { get; init; }
        /// <summary>Only case leads 转立案线索 that no case has been opened from yet, so none is forgotten.</summary>
        public bool? LeadsPending { get; init; }
        public string? Jurisdiction { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed record InspectionSummaryDto
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public Guid VenueId { get; init; }
        public string VenueName { get; init; } = "";
        public string VenueType { get; init; } = "";
        public string Kind { get; init; } = "";
        public Guid? CampaignId { get; init; }
        public Guid? DrawId { get; init; }
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset EndedAt { get; init; }
        public string Outcome { get; init; } = "";
        public int Violations { get; init; }
        public DateOnly? RectificationDueOn { get; init; }
        public bool CaseLead { get; init; }
        public bool VenueClosed { get; init; }
    }

    internal sealed record Key(DateTimeOffset S, Guid I);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Kind).Must(Wire.IsValid<InspectionKind>).When(x => x.Kind is not null)
                .Says($"未知的检查类型，可选值：{Wire.Allowed<InspectionKind>()}", $"Unknown inspection kind; allowed: {Wire.Allowed<InspectionKind>()}");
            RuleFor(x => x.Outcome).Must(Wire.IsValid<InspectionOutcome>).When(x => x.Outcome is not null)
                .Says($"未知的处理结果，可选值：{Wire.Allowed<InspectionOutcome>()}", $"Unknown outcome; allowed: {Wire.Allowed<InspectionOutcome>()}");
            RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
                .Says("结束日期不能早于开始日期", "The period ends before it starts");
            RuleFor(x => x.Officer).MaximumLength(100).Named("执法人员", "Officer");
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode();
            RuleFor(x => x.Limit).IsPageSize(100);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    // PostgreSQL cannot type a parameter that first appears as "@p IS NULL" unless it is text, so
    // optional uuid and instant filters are switched on by integer flags instead.
    private static string Statement(SqlDialect d, bool leadsPending) => $"""
        SELECT {InspectionRows.SummaryColumns}
        FROM inspections i
        JOIN venues v ON v.id = i.venue_id
        WHERE {d.Unseeked("i.jurisdiction")} BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@ByVenue = 0 OR i.venue_id = @VenueId)
          AND (@ByCampaign = 0 OR i.campaign_id = @CampaignId)
          AND (@Kind IS NULL OR i.kind = @Kind)
          AND (@Outcome IS NULL OR i.outcome = @Outcome)
          AND (@ByFrom = 0 OR i.started_at >= @FromInstant)
          AND (@ByTo = 0 OR i.started_at < @ToInstant)
          {(leadsPending ? $"AND {d.IsTrue("i.case_lead")} AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.inspection_id = i.id)" : "")}
          AND (@Officer IS NULL OR EXISTS (SELECT 1 FROM inspection_officers o WHERE o.inspection_id = i.id AND o.user_id = @Officer))
          AND (@Paged = 0 OR i.started_at < @AfterStarted OR (i.started_at = @AfterStarted AND i.id < @AfterId))
        ORDER BY i.started_at DESC, i.id DESC
        {d.Limit("@Take")}
        """;

    private static readonly Sql All = new(d => Statement(d, leadsPending: false));
    // Leads still waiting for a case: the condition stands on its own (not behind a parameter), so every database's planner
    // can see that the partial index ix_inspections_case_leads holds the rows, and walks it newest first.
    private static readonly Sql LeadsPending = new(d => Statement(d, leadsPending: true));

    /// <summary>The statement for the filters: the ledger 检查台账 reads the same rows with no page limit.</summary>
    internal static Sql Select(Query query) => query.LeadsPending == true ? LeadsPending : All;

    /// <summary>The filters as the statement's parameters: the ledger 检查台账 reads the same rows with no page limit.</summary>
    internal static object Parameters(Query query, string scope, Key? after, int take) => new
    {
        JurisdictionFirst = Domain.Access.Jurisdiction.Range(scope).First,
        JurisdictionLast = Domain.Access.Jurisdiction.Range(scope).Last,
        query.VenueId,
        query.CampaignId,
        query.Kind,
        query.Outcome,
        FromInstant = query.From is { } from ? Handler.StartOfLocalDay(from) : (DateTimeOffset?)null,
        ToInstant = query.To is { } to ? Handler.StartOfLocalDay(to.AddDays(1)) : (DateTimeOffset?)null,
        Officer = Input.Clean(query.Officer),
        AfterStarted = after?.S,
        Paged = after is null ? 0 : 1,
        ByVenue = query.VenueId is null ? 0 : 1,
        ByCampaign = query.CampaignId is null ? 0 : 1,
        ByFrom = query.From is null ? 0 : 1,
        ByTo = query.To is null ? 0 : 1,
        AfterId = after?.I,
        Take = take,
    };

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<InspectionSummaryDto>>
    {
        public async ValueTask<Page<InspectionSummaryDto>> Handle(Query query, CancellationToken ct)
        {
            var scope = query.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanSee(scope);
            if (query.Jurisdiction is not null) await JurisdictionRows.EnsureKnownAsync(db, nameof(Query.Jurisdiction), query.Jurisdiction, ct);
            if (query.VenueId is { } venueId) user.EnsureCanSee((await VenueRow.LoadAsync(db, venueId, ct)).Jurisdiction);
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var rows = await db.QueryAsync<InspectionSummaryDto>(Select(query), Parameters(query, scope, after, limit + 1), ct);
            var items = rows.Take(limit).ToList();
            var next = rows.Count > limit ? Common.Cursor.Encode(new Key(items[^1].StartedAt, items[^1].Id)) : null;
            return new Page<InspectionSummaryDto>(items, next);
        }

        /// <summary>Periods are asked for in Beijing dates; rows hold UTC instants.</summary>
        internal static DateTimeOffset StartOfLocalDay(DateOnly date) =>
            new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), ClockEvaluator.ChinaStandardTime.BaseUtcOffset).ToUniversalTime();
    }
}
