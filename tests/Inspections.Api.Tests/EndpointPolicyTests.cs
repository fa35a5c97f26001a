using System.Reflection;
using Inspections.Api.Infrastructure;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Behaviors;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests;

/// <summary>
/// The door and the pipeline admit the same roles: every /api endpoint of the running host is
/// guarded by exactly the roles its request type names in [AllowedRoles] (signing in, an [Anonymous]
/// request, is the one open to anyone), and it is the request the endpoint builds that the policy was taken from.
/// </summary>
public sealed class EndpointPolicyTests() : ApiFixture("sqlite")
{
    private sealed record ApiEndpoint(string Name, RouteEndpoint Endpoint, Type? RequestType);

    private List<ApiEndpoint> ApiEndpoints() =>
        Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Select(e => new ApiEndpoint(
                $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])} {e.RoutePattern.RawText}",
                e, e.Metadata.GetOrderedMetadata<RequestTypeMetadata>().SingleOrDefault()?.RequestType))
            .ToList();

    [Test]
    public async Task Every_api_endpoint_admits_exactly_the_roles_its_request_names()
    {
        var endpoints = ApiEndpoints();
        Assert.That(endpoints, Has.Count.GreaterThan(60), "the host maps the whole API");
        var policies = Api.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var anonymous = new List<string>();
        foreach (var (name, endpoint, requestType) in endpoints)
        {
            Assert.That(requestType, Is.Not.Null, $"{name} names the request it sends (one RequestTypeMetadata)");
            if (AnonymousAttribute.IsOn(requestType!))
            {
                // Open to all, exactly as the request says: no role requirement, and no roles named on the request.
                anonymous.Add(name);
                Assert.That(endpoint.Metadata.GetMetadata<IAllowAnonymous>(), Is.Not.Null, $"{name} is open to anyone");
                Assert.That(AllowedRolesAttribute.Of(requestType!), Is.Null, $"{name}: an [Anonymous] request names no roles");
                continue;
            }
            var allowed = AllowedRolesAttribute.Of(requestType!);
            Assert.That(allowed, Is.Not.Null.And.Not.Empty, $"{name}: {requestType!.Name} has [AllowedRoles]");

            // The policy the authorization middleware builds for this endpoint, from all its metadata.
            var policy = await AuthorizationPolicy.CombineAsync(policies,
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
                endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            Assert.That(policy, Is.Not.Null, $"{name} has an authorization policy");
            var roleRequirements = policy!.Requirements.OfType<RolesAuthorizationRequirement>().ToList();
            Assert.That(roleRequirements, Has.Count.EqualTo(1), $"{name}: one role requirement");
            Assert.That(roleRequirements[0].AllowedRoles, Is.EquivalentTo(allowed!), $"{name}: roles of {requestType!.FullName}");
            Assert.That(endpoint.Metadata.GetMetadata<IAllowAnonymous>(), Is.Null, $"{name} is not anonymous");
        }
        Assert.That(anonymous, Is.EqualTo(new[] { "POST /api/account/sign-in" }), "only signing in is open to anyone");
    }

    [Test]
    public void Every_endpoint_that_builds_a_request_is_guarded_by_that_request()
    {
        // The handler of an endpoint mapped from its request returns the request; the policy must be that type's.
        var byHand = new List<string>();
        foreach (var (name, endpoint, requestType) in ApiEndpoints())
        {
            var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
            Assert.That(handler, Is.Not.Null, name);
            var returns = handler!.ReturnType;
            if (returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(Task<>) || returns.GetGenericTypeDefinition() == typeof(ValueTask<>)))
                returns = returns.GetGenericArguments()[0];
            if (!typeof(IMessage).IsAssignableFrom(returns))
            {
                byHand.Add(name);
                continue;
            }
            Assert.That(returns, Is.EqualTo(requestType), $"{name} builds {returns.FullName} and is guarded by {requestType?.FullName}");
        }
        // Only the file downloads, which answer bytes rather than JSON, are mapped by hand: evidence, the printable
        // documents, the half-year report (JSON, DOCX or XLSX), and the registers 台账 with the survey list template
        // (XLSX streamed as it is written).
        Assert.That(byHand, Is.EquivalentTo(new[]
        {
            "GET /api/inspections/{id:guid}/evidence/{evidenceId:guid}",
            "GET /api/inspections/{id:guid}/documents/{kind}",
            "GET /api/cases/{id:guid}/documents/{kind}",
            "GET /api/permits/{id:guid}/documents/{kind}",
            "GET /api/reports/half-year",
            "GET /api/registers/venues.xlsx",
            "GET /api/registers/inspections.xlsx",
            "GET /api/registers/cases.xlsx",
            "GET /api/registers/permits.xlsx",
            "GET /api/registers/campaign-venues.xlsx",
            "GET /api/registers/alerts.xlsx",
            "GET /api/unlicensed-campaigns/survey-template.xlsx",
        }));
    }
}
