using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>One user, for an administrator or a section head whose jurisdiction covers the user's.</summary>
public static class GetUser
{
    [AllowedRoles(Roles.Admin, Roles.Supervisor)]
    public sealed record Query([property: RouteValue] string Id) : IQuery<UserDto>;

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, UserDto>
    {
        public async ValueTask<UserDto> Handle(Query query, CancellationToken ct)
        {
            var row = await UserRecord.LoadAsync(db, query.Id, ct);
            user.EnsureCanSee(row.Jurisdiction);
            return row.ToDto(clock.GetUtcNow());
        }
    }
}
