using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>Who the caller is 当前用户: their name, roles, jurisdiction, and whether they must change their password first.</summary>
public static class GetAccount
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    [BeforePasswordChange]
    public sealed record Query : IQuery<AccountDto>;

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, AccountDto>
    {
        public async ValueTask<AccountDto> Handle(Query query, CancellationToken ct)
        {
            var row = await UserRecord.FindAsync(db, user.UserId, ct);
            return row is null
                ? new AccountDto
                {
                    Id = user.UserId, DisplayName = user.DisplayName, Roles = UserRecord.Ordered(user.Roles),
                    Jurisdiction = user.Jurisdiction, CredentialNumber = user.CredentialNumber, MustChangePassword = false, Registered = false,
                }
                : new AccountDto
                {
                    Id = row.Id, DisplayName = row.DisplayName, Roles = row.RoleNames, Jurisdiction = row.Jurisdiction,
                    CredentialNumber = row.CredentialNumber, MustChangePassword = row.MustChangePassword, Registered = true,
                };
        }
    }
}
