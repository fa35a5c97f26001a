using Inspections.Core.Behaviors;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;

namespace Inspections.Core.Features.Permits;

/// <summary>The catalog of permit items 许可事项目录 the window takes.</summary>
public static class ListPermitItems
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<PermitItemDto>>;

    public sealed class Handler(DbSession db) : IQueryHandler<Query, IReadOnlyList<PermitItemDto>>
    {
        public async ValueTask<IReadOnlyList<PermitItemDto>> Handle(Query query, CancellationToken ct) => await PermitItems.AllAsync(db, ct);
    }
}
