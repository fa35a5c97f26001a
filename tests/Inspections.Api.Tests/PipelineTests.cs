using Inspections.Api.Tests.Infrastructure;
using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Venues;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests;

/// <summary>
/// The mediator's behaviours as the host registers them: every message logged, then authorized, then validated (a message
/// that has validators), and a command (not a query) handled inside its transaction; the two that hold only singletons made
/// once per message type.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PipelineTests(string provider) : ApiFixture(provider)
{
    [Test]
    public void A_command_is_logged_authorized_validated_and_handled_in_its_transaction_in_that_order()
    {
        using var scope = Api.Services.CreateScope();
        Assert.That(Kinds<RegisterVenue.Command, VenueDto>(scope.ServiceProvider),
            Is.EqualTo(new[] { typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>) }));
    }

    [Test]
    public void A_query_is_logged_authorized_and_validated_without_a_transaction()
    {
        using var scope = Api.Services.CreateScope();
        Assert.That(Kinds<ListAlerts.Query, Page<AlertDto>>(scope.ServiceProvider),
            Is.EqualTo(new[] { typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>) }));
    }

    [Test]
    public void A_query_nothing_validates_is_logged_and_authorized_only()
    {
        using var scope = Api.Services.CreateScope();
        Assert.That(Kinds<GetVenue.Query, VenueDto>(scope.ServiceProvider),
            Is.EqualTo(new[] { typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>) }));
    }

    [Test]
    public void Every_message_with_a_validator_is_validated_and_no_other()
    {
        using var scope = Api.Services.CreateScope();
        var messages = typeof(RegisterVenue).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.ContainsGenericParameters && typeof(IMessage).IsAssignableFrom(t))
            .Select(t => (Message: t, Response: t.GetInterfaces().Where(i => i.IsGenericType)
                .Where(i => i.GetGenericTypeDefinition() is var d && (d == typeof(IRequest<>) || d == typeof(ICommand<>) || d == typeof(IQuery<>)))
                .Select(i => i.GetGenericArguments()[0]).FirstOrDefault()))
            .Where(m => m.Response is not null)
            .ToList();
        Assert.That(messages, Has.Count.GreaterThan(100), "the messages found");
        var validated = 0;
        Assert.Multiple(() =>
        {
            foreach (var (message, response) in messages)
            {
                var hasValidator = scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(message)).Any();
                var behaviours = scope.ServiceProvider.GetServices(typeof(IPipelineBehavior<,>).MakeGenericType(message, response!))
                    .Select(b => b!.GetType().GetGenericTypeDefinition()).ToList();
                if (hasValidator) validated++;
                Assert.That(behaviours.Contains(typeof(ValidationBehavior<,>)), Is.EqualTo(hasValidator), message.FullName);
                // Wherever it runs, it runs after authorization and before the transaction.
                var at = behaviours.IndexOf(typeof(ValidationBehavior<,>));
                if (at >= 0)
                    Assert.That(behaviours.Take(at), Is.EqualTo(new[] { typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>) }), message.FullName);
            }
        });
        Assert.That(validated, Is.GreaterThan(50), "messages with validators");
    }

    [Test]
    public void Logging_and_validation_are_made_once_and_authorization_per_request()
    {
        using var first = Api.Services.CreateScope();
        using var second = Api.Services.CreateScope();
        var a = first.ServiceProvider.GetServices<IPipelineBehavior<ListAlerts.Query, Page<AlertDto>>>().ToArray();
        var b = second.ServiceProvider.GetServices<IPipelineBehavior<ListAlerts.Query, Page<AlertDto>>>().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(b[0], Is.SameAs(a[0]), "logging");
            Assert.That(b[1], Is.Not.SameAs(a[1]), "authorization reads the request's caller and session");
            Assert.That(b[2], Is.SameAs(a[2]), "validation");
        });
    }

    private static Type[] Kinds<TMessage, TResponse>(IServiceProvider services) where TMessage : IMessage =>
        services.GetServices<IPipelineBehavior<TMessage, TResponse>>().Select(b => b.GetType().GetGenericTypeDefinition()).ToArray();
}
