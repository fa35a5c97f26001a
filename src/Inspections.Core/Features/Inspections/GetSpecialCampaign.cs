using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>A campaign with its totals: inspections, violations, notices, case leads, seizures, venues closed.</summary>
public static class GetCampaign
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<CampaignDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, CampaignDto>
    {
        public async ValueTask<CampaignDto> Handle(Query query, CancellationToken ct)
        {
            var campaign = await CampaignRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(campaign.Jurisdiction);
            return campaign;
        }
    }
}
