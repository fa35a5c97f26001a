using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Core.Behaviors;

/// <summary>Runs every FluentValidation validator of the message; failures never reach the handler.</summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    // Validators are singletons: the list is the same for every message of the type.
    private readonly IValidator<TMessage>[] _validators = validators as IValidator<TMessage>[] ?? [.. validators];

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        _validators.Length == 0 ? next(message, cancellationToken) : ValidateThenAsync(message, next, cancellationToken);

    private async ValueTask<TResponse> ValidateThenAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}

/// <summary>Registers <see cref="ValidationBehavior{TMessage, TResponse}"/> for the messages that have validators.</summary>
public static class ValidationBehaviors
{
    /// <summary>
    /// The validation behaviour for each message some registered validator checks (a singleton: it holds only the message's
    /// validators, themselves singletons), and for no other: a message nothing validates (most reads) runs one step fewer on
    /// every send. Registered closed, at this point of the registrations: the container keeps the order of closed and open
    /// registrations alike, so validation still runs where it is registered among the behaviours. Call it after the validators.
    /// </summary>
    public static IServiceCollection AddValidationBehaviors(this IServiceCollection services)
    {
        var messages = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        foreach (var message in messages)
            if (ResponseOf(message) is { } response)
                services.AddSingleton(typeof(IPipelineBehavior<,>).MakeGenericType(message, response),
                    typeof(ValidationBehavior<,>).MakeGenericType(message, response));
        return services;
    }

    /// <summary>What the message answers (its IRequest, ICommand or IQuery), or null for a type that is not a message (a part one validates).</summary>
    private static Type? ResponseOf(Type message) => message.IsAbstract || message.ContainsGenericParameters
        ? null
        : message.GetInterfaces()
            .Where(i => i.IsGenericType)
            .Select(i => (Definition: i.GetGenericTypeDefinition(), Argument: i.GetGenericArguments()[0]))
            .Where(i => i.Definition == typeof(IRequest<>) || i.Definition == typeof(ICommand<>) || i.Definition == typeof(IQuery<>))
            .Select(i => i.Argument)
            .FirstOrDefault();
}
