using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>A campaign as its jurisdiction (and the city above it) sees it.</summary>
public static class GetUnlicensedCampaign
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<UnlicensedCampaignDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, UnlicensedCampaignDto>
    {
        public async ValueTask<UnlicensedCampaignDto> Handle(Query query, CancellationToken ct) =>
            await UnlicensedRows.VisibleCampaignAsync(db, user, query.Id, ct);
    }
}
