using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>A draw in full, for the office: inputs, officers, result, follow-up inspections, and whether it replays.</summary>
public static class GetDraw
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid Id) : IQuery<DrawDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, DrawDto>
    {
        public async ValueTask<DrawDto> Handle(Query query, CancellationToken ct)
        {
            var draw = await DrawRows.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(draw.Jurisdiction);
            return draw;
        }
    }
}
