using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>One application with its materials, history, hand-offs and the status and explanation of each clock.</summary>
public static class GetPermit
{
    [AllowedRoles(Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query(Guid Id) : IQuery<PermitDto>;

    public sealed class Handler(DbSession db, ICurrentUser user, PermitView view) : IQueryHandler<Query, PermitDto>
    {
        public async ValueTask<PermitDto> Handle(Query query, CancellationToken ct)
        {
            var record = await PermitRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(record.Jurisdiction);
            return await view.BuildAsync(db, record, ct);
        }
    }
}
