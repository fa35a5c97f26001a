using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// A signed-in user takes a bearer token for their scripts 接口令牌: it acts as them, with their roles
/// and jurisdiction, until it expires or their account changes (roles, password, deactivation).
/// The token is answered once and kept nowhere.
/// </summary>
public static class IssueApiToken
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    public sealed record Command : ICommand<Result>;

    public sealed record Result(string Token, DateTimeOffset ExpiresAt);

    public sealed class Handler(DbSession db, ICurrentUser user, IAccessTokens tokens) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var row = await UserRecord.FindAsync(db, user.UserId, ct);
            if (row is { Active: false })
                throw new ForbiddenException("账号已停用。", "The account is deactivated.");
            // Someone the users table does not know (a development token, an outside identity provider's
            // user) gets a token of what their own credential says.
            var subject = row is null
                ? new TokenSubject(user.UserId, user.DisplayName, user.Roles, user.Jurisdiction, user.CredentialNumber, null)
                : Subject(row);
            db.AuditAbout("user", user.UserId);
            var token = tokens.Issue(subject, TokenUse.Script);
            return new Result(token.Token, token.ExpiresAt);
        }
    }

    internal static TokenSubject Subject(UserRecord row) =>
        new(row.Id, row.DisplayName, row.RoleNames, row.Jurisdiction, row.CredentialNumber, row.Version);
}
