using System.Globalization;
using System.Security.Claims;

namespace Inspections.Api.Auth;

/// <summary>What a request's checks read from its principal (bearer token or, for pages, cookie: the same claims).</summary>
public sealed record CallerFacts(
    bool IsAuthenticated, string UserId, string DisplayName, string[] Roles, string Jurisdiction, string? CredentialNumber, long? UserVersion)
{
    public static readonly CallerFacts Nobody = new(false, "", "", [], "", null, null);

    /// <summary>The facts of <paramref name="principal"/>: kept with a validated token's principal, else read from its claims.</summary>
    public static CallerFacts Of(ClaimsPrincipal principal) => principal is AdmittedPrincipal admitted ? admitted.Caller : Read(principal);

    internal static CallerFacts Read(ClaimsPrincipal principal)
    {
        string Claim(string type) => principal.FindFirst(type)?.Value ?? "";
        var userId = Claim(ClaimNames.UserId);
        return new CallerFacts(
            principal.Identity?.IsAuthenticated == true,
            userId,
            Claim(ClaimNames.Name) is { Length: > 0 } name ? name : userId,
            // Every role claim, in the order the token lists them.
            [.. principal.FindAll(ClaimNames.Role).Select(c => c.Value).Where(v => v.Length > 0)],
            Claim(ClaimNames.Jurisdiction),
            principal.FindFirst(ClaimNames.Credential)?.Value,
            long.TryParse(Claim(ClaimNames.UserVersion), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null);
    }
}
