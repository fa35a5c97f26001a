using System.Reflection;
using System.Security.Claims;
using Inspections.Api.Auth;
using Inspections.Domain.Access;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
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

    [Test]
    public async Task The_policy_evaluator_decides_every_endpoints_policy_as_the_frameworks_evaluator_does()
    {
        var evaluator = Api.Services.GetRequiredService<IPolicyEvaluator>();
        Assert.That(evaluator, Is.InstanceOf<ClaimsPolicyEvaluator>(), "the host's evaluator is ours");
        var policies = Api.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var endpoints = Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).ToList();
        var distinct = new Dictionary<string, AuthorizationPolicy>();
        foreach (var endpoint in endpoints)
        {
            var policy = await AuthorizationPolicy.CombineAsync(policies,
                endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            if (policy is not null) distinct.TryAdd(Describe(policy), policy);
        }
        // The fallback's (signed in, a jurisdiction, one of the roles) and one per set of roles the requests name, at least.
        Assert.That(distinct.Keys.Count(k => !k.StartsWith("schemes", StringComparison.Ordinal)), Is.GreaterThan(5), string.Join("\n", distinct.Keys));

        static ClaimsIdentity Signed(params (string Type, string Value)[] claims) =>
            new(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer", ClaimNames.Name, ClaimNames.Role);
        var principals = new Dictionary<string, ClaimsPrincipal>
        {
            ["no identity"] = new(),
            ["unauthenticated"] = new(new ClaimsIdentity([new Claim(ClaimNames.Role, Roles.Admin), new Claim(ClaimNames.Jurisdiction, "510115")])),
            ["no role"] = new(Signed((ClaimNames.Jurisdiction, "510115"))),
            ["unknown role"] = new(Signed((ClaimNames.Role, "visitor"), (ClaimNames.Jurisdiction, "510115"))),
            ["officer without jurisdiction"] = new(Signed((ClaimNames.Role, Roles.Officer))),
            ["role named in another case"] = new(Signed((ClaimNames.Role, "Admin"), (ClaimNames.Jurisdiction, "510115"))),
            ["claim type in another case"] = new(Signed(("ROLE", Roles.Admin), ("Jurisdiction", "510115"))),
            ["clerk and supervisor"] = new(Signed((ClaimNames.Role, Roles.Clerk), (ClaimNames.Role, Roles.Supervisor), (ClaimNames.Jurisdiction, "5101"))),
            ["admin beside an unauthenticated identity"] = new([new ClaimsIdentity([new Claim(ClaimNames.Role, Roles.Admin)]),
                Signed((ClaimNames.Role, Roles.Officer), (ClaimNames.Jurisdiction, "510115"))]),
        };
        foreach (var role in Roles.All)
            principals[role] = new(Signed((ClaimNames.Role, role), (ClaimNames.Jurisdiction, "510115"), (ClaimNames.UserId, "p-" + role)));

        var framework = Api.Services.GetRequiredService<PolicyEvaluator>();
        var outcomes = new HashSet<string>();
        var compared = 0;
        foreach (var (name, policy) in distinct.Where(p => p.Value.AuthenticationSchemes.Count == 0))
            foreach (var (who, principal) in principals)
            {
                await using var scope = Api.Services.CreateAsyncScope();
                var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = principal };
                var theirsIn = await framework.AuthenticateAsync(policy, http);
                var oursIn = await evaluator.AuthenticateAsync(policy, http);
                Assert.That((oursIn.Succeeded, oursIn.None, oursIn.Principal), Is.EqualTo((theirsIn.Succeeded, theirsIn.None, theirsIn.Principal)),
                    $"{name} / {who}: authentication");
                var theirs = await framework.AuthorizeAsync(policy, theirsIn, http, null);
                var ours = await evaluator.AuthorizeAsync(policy, oursIn, http, null);
                var outcome = (ours.Succeeded, ours.Challenged, ours.Forbidden);
                Assert.That(outcome, Is.EqualTo((theirs.Succeeded, theirs.Challenged, theirs.Forbidden)), $"{name} / {who}: authorization");
                outcomes.Add(outcome.ToString());
                compared++;
            }
        // Every answer occurs: admitted, asked to sign in, refused.
        Assert.That(outcomes, Has.Count.EqualTo(3), string.Join(", ", outcomes));
        TestContext.Out.WriteLine($"{compared} policy × principal pairs decided alike ({distinct.Count} distinct policies)");
    }

    [Test]
    public void The_security_metadata_the_endpoint_middleware_no_longer_checks_is_checked_for_every_endpoint()
    {
        // The host turns the endpoint middleware's per-request check off (the authorization step covers every endpoint)...
        Assert.That(Api.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RouteOptions>>().Value.SuppressCheckForUnhandledSecurityMetadata,
            Is.True);
        // ...and refuses what that check would have refused: CORS or anti-forgery validation asked for without their middleware.
        static Endpoint With(params object[] metadata) => new(_ => Task.CompletedTask, new EndpointMetadataCollection(metadata), "probe");
        Assert.Throws<InvalidOperationException>(() => AuthSetup.EnsureNoUnmetMiddleware(With(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute())));
        Assert.Throws<InvalidOperationException>(() => AuthSetup.EnsureNoUnmetMiddleware(With(new Microsoft.AspNetCore.Cors.EnableCorsAttribute())));
        Assert.DoesNotThrow(() => AuthSetup.EnsureNoUnmetMiddleware(With(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute(required: false))));
        // Every endpoint the host maps (API, pages, health, description) passes, so none answers 500 for it.
        var endpoints = Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(100));
        foreach (var endpoint in endpoints)
            Assert.DoesNotThrow(() => AuthSetup.EnsureNoUnmetMiddleware(endpoint), endpoint.DisplayName ?? "an endpoint");
    }

    private static string Describe(AuthorizationPolicy policy) =>
        (policy.AuthenticationSchemes.Count > 0 ? "schemes " + string.Join(",", policy.AuthenticationSchemes) + ": " : "")
        + string.Join("; ", policy.Requirements.Select(r => r.ToString()));
}
