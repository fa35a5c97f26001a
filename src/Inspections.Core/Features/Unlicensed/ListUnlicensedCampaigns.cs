using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>The campaigns the caller may see (a city sees its districts'), latest first.</summary>
public static class ListUnlicensedCampaigns
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<IReadOnlyList<UnlicensedCampaignDto>>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<UnlicensedCampaignDto>>
    {
        public async ValueTask<IReadOnlyList<UnlicensedCampaignDto>> Handle(Query query, CancellationToken ct) =>
            await UnlicensedRows.CampaignsAsync(db, user.Jurisdiction, ct);
    }
}
