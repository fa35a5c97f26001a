using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>A campaign with its totals: inspections, violations, notices, case leads, seizures, venues closed.</summary>
public static class GetSpecialCampaign
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<SpecialCampaignDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, SpecialCampaignDto>
    {
        public async ValueTask<SpecialCampaignDto> Handle(Query query, CancellationToken ct)
        {
            var campaign = await SpecialCampaignRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(campaign.Jurisdiction);
            return campaign;
        }
    }
}
