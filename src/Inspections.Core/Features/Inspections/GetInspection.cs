using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

public static class GetInspection
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<InspectionDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, InspectionDto>
    {
        public async ValueTask<InspectionDto> Handle(Query query, CancellationToken ct)
        {
            user.EnsureCanSee(await InspectionRows.JurisdictionAsync(db, query.Id, ct));
            return await InspectionRows.LoadAsync(db, query.Id, ct);
        }
    }
}
