using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Behaviors;
using Inspections.Core.Features.Venues;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests;

/// <summary>
/// The mediator's behaviours as the host registers them: every message logged, then authorized, then validated, and a
/// command (not a query) handled inside its transaction; the two that hold only singletons made once per message type.
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
        Assert.That(Kinds<GetVenue.Query, VenueDto>(scope.ServiceProvider),
            Is.EqualTo(new[] { typeof(LoggingBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(ValidationBehavior<,>) }));
    }

    [Test]
    public void Logging_and_validation_are_made_once_and_authorization_per_request()
    {
        using var first = Api.Services.CreateScope();
        using var second = Api.Services.CreateScope();
        var a = first.ServiceProvider.GetServices<IPipelineBehavior<GetVenue.Query, VenueDto>>().ToArray();
        var b = second.ServiceProvider.GetServices<IPipelineBehavior<GetVenue.Query, VenueDto>>().ToArray();
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
