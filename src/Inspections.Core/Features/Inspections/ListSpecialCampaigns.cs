using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>The campaigns the caller can see, latest first (a district runs a handful a year, so no paging).</summary>
public static class ListSpecialCampaigns
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<IReadOnlyList<SpecialCampaignDto>>;

    private static readonly Sql Select = new("""
        SELECT id, jurisdiction, name, description, starts_on, ends_on, created_at, version FROM campaigns
        WHERE jurisdiction BETWEEN @JurisdictionFirst AND @JurisdictionLast ORDER BY starts_on DESC, id DESC
        """);

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<SpecialCampaignDto>>
    {
        public async ValueTask<IReadOnlyList<SpecialCampaignDto>> Handle(Query query, CancellationToken ct) =>
            await db.QueryAsync<SpecialCampaignDto>(Select, new { JurisdictionFirst = Domain.Access.Jurisdiction.Range(user.Jurisdiction).First, JurisdictionLast = Domain.Access.Jurisdiction.Range(user.Jurisdiction).Last }, ct);
    }
}
