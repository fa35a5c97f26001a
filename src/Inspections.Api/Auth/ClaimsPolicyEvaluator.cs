using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Inspections.Api.Auth;

/// <summary>
/// The authorization middleware's policy evaluator, deciding the policies every API endpoint carries (signed in, one of
/// the request's roles; the fallback's claims) from the request's principal alone, as the framework's handlers for those
/// requirements decide them, without resolving the authorization service, its handler provider and handlers for each
/// request. This host registers no authorization handler of its own, so those requirements' own handlers are the only ones
/// that could decide them. A policy naming authentication schemes (the pages' cookie) or holding any other requirement goes
/// to the framework's evaluator, as before. A test holds the two to the same answers for every policy and principal it tries.
/// </summary>
public sealed class ClaimsPolicyEvaluator : IPolicyEvaluator
{
    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        if (policy.AuthenticationSchemes.Count > 0) return Framework(context).AuthenticateAsync(policy, context);
        // What the framework's evaluator answers for a policy without schemes: the principal already on the request.
        return Task.FromResult(context.User.Identity?.IsAuthenticated == true
            ? AuthenticateResult.Success(new AuthenticationTicket(context.User, "context.User"))
            : AuthenticateResult.NoResult());
    }

    public Task<PolicyAuthorizationResult> AuthorizeAsync(AuthorizationPolicy policy, AuthenticateResult authenticationResult, HttpContext context, object? resource)
    {
        if (!Decides(policy)) return Framework(context).AuthorizeAsync(policy, authenticationResult, context, resource);
        if (Admits(policy, context.User)) return Task.FromResult(PolicyAuthorizationResult.Success());
        // As the framework's evaluator: refused (with the requirements not met) when signed in, asked to sign in otherwise.
        return Task.FromResult(authenticationResult.Succeeded
            ? PolicyAuthorizationResult.Forbid(AuthorizationFailure.Failed(policy.Requirements.Where(r => !Met(r, context.User)).ToArray()))
            : PolicyAuthorizationResult.Challenge());
    }

    /// <summary>
    /// Whether this evaluator decides the policy from the principal alone: it names no authentication scheme and holds only
    /// requirements decided here. (Asked once per endpoint where the policy is kept, not for each request.)
    /// </summary>
    public static bool Decides(AuthorizationPolicy policy)
    {
        if (policy.AuthenticationSchemes.Count > 0) return false;
        var requirements = policy.Requirements;
        for (var i = 0; i < requirements.Count; i++)
            if (requirements[i] is not (DenyAnonymousAuthorizationRequirement or RolesAuthorizationRequirement or ClaimsAuthorizationRequirement))
                return false;
        return true;
    }

    /// <summary>
    /// For a policy this evaluator <see cref="Decides"/>: whether the principal meets every requirement, what the authorization
    /// middleware would admit without asking anything further.
    /// </summary>
    public static bool Admits(AuthorizationPolicy policy, ClaimsPrincipal user)
    {
        // Indexed: a foreach over the requirements' list interface allocates an enumerator for every request.
        var requirements = policy.Requirements;
        for (var i = 0; i < requirements.Count; i++)
            if (!Met(requirements[i], user)) return false;
        return true;
    }

    /// <summary>Each requirement as its own handler decides it (ASP.NET Core's DenyAnonymous, Roles and Claims authorization requirements).</summary>
    private static bool Met(IAuthorizationRequirement requirement, ClaimsPrincipal? user)
    {
        if (user is null) return false;
        switch (requirement)
        {
            case DenyAnonymousAuthorizationRequirement:
                if (user.Identity is null) return false;
                foreach (var identity in user.Identities)
                    if (identity.IsAuthenticated) return true;
                return false;
            case RolesAuthorizationRequirement roles:
                foreach (var role in roles.AllowedRoles)
                    if (user.IsInRole(role)) return true;
                return false;
            case ClaimsAuthorizationRequirement claims:
                var anyValue = claims.AllowedValues is null || !claims.AllowedValues.Any();
                foreach (var claim in user.Claims)
                    if (string.Equals(claim.Type, claims.ClaimType, StringComparison.OrdinalIgnoreCase)
                        && (anyValue || claims.AllowedValues!.Contains(claim.Value, StringComparer.Ordinal)))
                        return true;
                return false;
            default:
                return false;
        }
    }

    private static PolicyEvaluator Framework(HttpContext context) => context.RequestServices.GetRequiredService<PolicyEvaluator>();
}
