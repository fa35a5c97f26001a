using Inspections.Core.Common;
using Mediator;

namespace Inspections.Core.Behaviors;

/// <summary>Refuses a request whose sender's role is not among those the request names.</summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly IReadOnlyList<string>? Allowed = AllowedRolesAttribute.Of(typeof(TMessage));

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Allowed is null)
            throw new InvalidOperationException($"{typeof(TMessage).FullName} does not say who may send it ([AllowedRoles]).");
        if (!user.IsAuthenticated || !Allowed.Contains(user.Role))
            throw new ForbiddenException(
                $"角色“{user.Role}”无权执行此操作。",
                $"Role '{user.Role}' may not do this.");
        return next(message, cancellationToken);
    }
}
