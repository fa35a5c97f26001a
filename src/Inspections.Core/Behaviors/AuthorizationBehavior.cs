using Inspections.Core.Common;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Behaviors;

/// <summary>
/// Refuses a request whose sender's role is not among those the request names, and a request marked
/// <see cref="NotForStationsAttribute"/> from a town or street culture station (a user whose jurisdiction is a town).
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly IReadOnlyList<string>? Allowed = AllowedRolesAttribute.Of(typeof(TMessage));
    private static readonly StationBar? Bar = NotForStationsAttribute.Of(typeof(TMessage));

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Allowed is null)
            throw new InvalidOperationException($"{typeof(TMessage).FullName} does not say who may send it ([AllowedRoles]).");
        if (!user.IsAuthenticated || !Allowed.Contains(user.Role))
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
        return next(message, cancellationToken);
    }
}
