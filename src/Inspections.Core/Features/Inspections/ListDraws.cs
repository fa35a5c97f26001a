using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// The random draws 双随机抽取 of the caller's jurisdiction, newest first, a page at a time (keyset on drawn_at, id):
/// what was drawn, by whom, whether a section head has released it for publication, and how many of the drawn
/// venues have been inspected under it so far. <see cref="GetDraw"/> reads one in full.
/// </summary>
public static class ListDraws
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<Page<DrawSummary>>
    {
        /// <summary>Only published (true) or only unpublished (false) draws; both when absent.</summary>
        public bool? Published { get; init; }
        public string? Cursor { get; init; }
        public int? Limit { get; init; }
    }

    public sealed record DrawSummary
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? CampaignId { get; init; }
        public string? VenueType { get; init; }
        public string? LicenseStatus { get; init; }
        /// <summary>Venues drawn.</summary>
        public int Requested { get; init; }
        public int Seed { get; init; }
        public DateTimeOffset DrawnAt { get; init; }
        public string DrawnByName { get; init; } = "";
        public DateTimeOffset? PublishedAt { get; init; }
        /// <summary>Drawn venues inspected under this draw so far.</summary>
        public int Inspected { get; init; }
        public long Version { get; init; }
    }

    internal sealed record Key(DateTimeOffset At, Guid I);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Limit).IsPageSize(100);
            RuleFor(x => x.Cursor).IsCursorOf<Query, Key>();
        }
    }

    // Optional filters are switched by integer flags: PostgreSQL cannot type a bare "@p IS NULL" for a timestamp or uuid.
    internal static readonly Sql Select = new(d => $"""
        SELECT d.id, d.jurisdiction, d.name, d.campaign_id, d.venue_type, d.license_status, d.requested, d.seed,
            d.drawn_at, d.drawn_by_name, d.published_at, d.version,
            (SELECT COUNT(DISTINCT i.venue_id) FROM inspections i WHERE i.draw_id = d.id) AS inspected
        FROM random_draws d
        WHERE d.jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast
          AND (@Published = 0 OR (@Published = 1 AND d.published_at IS NOT NULL) OR (@Published = 2 AND d.published_at IS NULL))
          AND (@HasAfter = 0 OR d.drawn_at < @AfterAt OR (d.drawn_at = @AfterAt AND d.id < @AfterId))
        ORDER BY d.drawn_at DESC, d.id DESC
        {d.Limit("@Take")}
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, Page<DrawSummary>>
    {
        public async ValueTask<Page<DrawSummary>> Handle(Query query, CancellationToken ct)
        {
            Common.Cursor.TryDecode<Key>(query.Cursor, out var after);
            var limit = query.Limit ?? 20;
            var range = Jurisdiction.Range(user.Jurisdiction);
            var rows = await db.QueryAsync<DrawSummary>(Select, new
            {
                JurisdictionFirst = range.First,
                JurisdictionLast = range.Last,
                Published = query.Published switch { true => 1, false => 2, null => 0 },
                HasAfter = after is null ? 0 : 1,
                AfterAt = after?.At ?? DateTimeOffset.UnixEpoch,
                AfterId = after?.I ?? Guid.Empty,
                Take = limit + 1,
            }, ct);
            var items = rows.Take(limit).ToList();
            var next = rows.Count > limit ? Common.Cursor.Encode(new Key(items[^1].DrawnAt, items[^1].Id)) : null;
            return new Page<DrawSummary>(items, next);
        }
    }
}
