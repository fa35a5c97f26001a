using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>One publicity event, for whoever sees its jurisdiction.</summary>
public static class GetPublicity
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<PublicityDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, PublicityDto>
    {
        public async ValueTask<PublicityDto> Handle(Query query, CancellationToken ct)
        {
            var publicity = await PublicityRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(publicity.Jurisdiction);
            return publicity;
        }
    }
}
