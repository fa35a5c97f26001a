using FluentValidation;
using Mediator;

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
