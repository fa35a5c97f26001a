using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.OfficeWork;

/// <summary>One seizure record, for whoever sees its jurisdiction.</summary>
public static class GetSeizure
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<OfficeSeizureDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, OfficeSeizureDto>
    {
        public async ValueTask<OfficeSeizureDto> Handle(Query query, CancellationToken ct)
        {
            var seizure = await SeizureRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(seizure.Jurisdiction);
            return seizure;
        }
    }
}
