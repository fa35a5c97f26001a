using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Cases;

/// <summary>One on-the-spot penalty decision 当场处罚决定 (简易程序) as filed.</summary>
public static class GetOnTheSpotPenalty
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<OnTheSpotPenaltyDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, OnTheSpotPenaltyDto>
    {
        public async ValueTask<OnTheSpotPenaltyDto> Handle(Query query, CancellationToken ct) =>
            await OnTheSpotPenalties.LoadAsync(db, user, query.Id, ct);
    }
}
