using System.Collections.Concurrent;
using Inspections.Api.Endpoints;
using Microsoft.AspNetCore.Authorization;

namespace Inspections.Api.Auth;

/// <summary>
/// Each endpoint's policy as the authorization middleware combines it, and whether an API read may take the read lane
/// (<see cref="AuthSetup.UseApiReadLane"/>): worked out once per endpoint, for the authorization step and the lane alike.
/// </summary>
public sealed class EndpointPolicies(IAuthorizationPolicyProvider provider)
{
    private readonly ConcurrentDictionary<Endpoint, Kept> _kept = new();

    /// <param name="Policy">
    /// The endpoint's policy; null (always the middleware) for an endpoint open to anyone, carrying requirement data of its
    /// own, or whose policy <see cref="ClaimsPolicyEvaluator"/> does not decide, and for every endpoint when the policy
    /// provider asks not to be cached.
    /// </param>
    /// <param name="ReadLane">An API read (GET, under /api, writing its own answers) whose policy is kept.</param>
    public sealed record Kept(AuthorizationPolicy? Policy, bool ReadLane);

    /// <summary>
    /// The endpoint's kept policy, made the first time it is asked for, after the endpoint's other security metadata is checked
    /// (<see cref="AuthSetup.EnsureNoUnmetMiddleware"/>, which throws for each request to an endpoint that fails it).
    /// </summary>
    public Kept For(Endpoint endpoint) => _kept.GetOrAdd(endpoint, static (e, p) => Keep(e, p), provider);

    private static Kept Keep(Endpoint endpoint, IAuthorizationPolicyProvider provider)
    {
        AuthSetup.EnsureNoUnmetMiddleware(endpoint);
        if (!provider.AllowsCachingPolicies || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || endpoint.Metadata.GetMetadata<IAuthorizationRequirementData>() is not null) return new(null, false);
        var combined = AuthorizationPolicy.CombineAsync(provider,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(), endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
        // The default provider answers at once; one that does not, or a policy the principal alone does not decide (a page's
        // cookie scheme), leaves the endpoint to the middleware.
        var policy = combined.IsCompletedSuccessfully && combined.Result is { } p && ClaimsPolicyEvaluator.Decides(p) ? p : null;
        return new(policy, policy is not null && IsApiRead(endpoint));
    }

    /// <summary>A GET endpoint under /api that writes every answer itself (<see cref="RequestEndpoints.MapQuery"/>).</summary>
    private static bool IsApiRead(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<WritesItsAnswers>() is not null
        && endpoint is RouteEndpoint { RoutePattern.RawText: { } pattern }
        && (pattern.Equals("/api", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>() is { HttpMethods: [var method] }
        && HttpMethods.IsGet(method);
}
