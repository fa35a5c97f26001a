using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Inspections.Core.Features.Users;
using Mediator;

namespace Inspections.Core.Behaviors;

/// <summary>
/// Refuses a request unless the sender holds one of the roles it names, and a request marked
/// <see cref="NotForStationsAttribute"/> from a town or street culture station (a user whose jurisdiction is a town). A sender signed in from the
/// users table (their credential carries the row's version) must still be that user: active, at the
/// same version (roles, jurisdiction and password unchanged since), and done with any initial or reset
/// password before sending anything but the few requests that change it (the row as <see cref="UserStandings"/> keeps it).
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user, DbSession db, UserStandings standings) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly IReadOnlyList<string>? Allowed = AllowedRolesAttribute.Of(typeof(TMessage));
    private static readonly StationBar? Bar = NotForStationsAttribute.Of(typeof(TMessage));
    private static readonly bool Anonymous = AnonymousAttribute.IsOn(typeof(TMessage));
    private static readonly bool BeforePasswordChange = BeforePasswordChangeAttribute.IsOn(typeof(TMessage));

    // Not an async method: a request whose checks are all answered from memory (the user's standing kept) goes on to the
    // next step without a state machine; one whose standing must be read from the table waits for it.
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Anonymous) return next(message, cancellationToken);
        if (Allowed is null)
            throw new InvalidOperationException($"{typeof(TMessage).FullName} does not say who may send it ([AllowedRoles]).");
        if (!user.IsAuthenticated || !HoldsAllowedRole(user))
            throw new ForbiddenException(
                $"角色“{user.Role}”无权执行此操作。",
                $"Role '{user.Role}' may not do this.");
        if (Bar is { } bar && Jurisdiction.IsTown(user.Jurisdiction))
        {
            var (zh, en) = StationBars.Reason(bar);
            throw new ForbiddenException(
                $"乡镇（街道）文化站不能办理此事项：{zh}。文化站可查看本乡镇（街道）的数据，登记场所、现场检查、整改复查和检查证据。",
                $"A town or street culture station cannot do this: {en}. A station sees its town's data and registers venues, inspections, rectification checks and evidence there.");
        }
        if (user.UserVersion is { } version)
        {
            var standing = standings.GetAsync(db, user.UserId, version, cancellationToken);
            if (!standing.IsCompletedSuccessfully) return StandingThenAsync(standing, version, message, next, cancellationToken);
            EnsureStanding(standing.Result, version);
        }
        return next(message, cancellationToken);
    }

    private static async ValueTask<TResponse> StandingThenAsync(ValueTask<UserRecord.Standing?> pending, long version, TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        EnsureStanding(await pending, version);
        return await next(message, cancellationToken);
    }

    private static void EnsureStanding(UserRecord.Standing? standing, long version)
    {
        if (standing is null || !standing.Active || standing.Version != version)
            throw new UnauthorizedException(
                "账号信息已变更（角色、辖区、密码或在职状态），请重新登录。",
                "Your account changed (roles, jurisdiction, password or status) since you signed in; sign in again.");
        if (standing.MustChangePassword && !BeforePasswordChange)
            throw new ForbiddenException(
                "请先修改初始密码（或管理员重置的密码），再进行其他操作。",
                "Change your initial (or reset) password before doing anything else.");
    }

    private static bool HoldsAllowedRole(ICurrentUser user)
    {
        // Indexed: a foreach over the list interface allocates an enumerator for every request.
        var allowed = Allowed!;
        for (var i = 0; i < allowed.Count; i++)
            if (user.IsInRole(allowed[i])) return true;
        return false;
    }
}
