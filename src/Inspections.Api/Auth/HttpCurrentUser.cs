using System.Globalization;
using Inspections.Core.Common;

namespace Inspections.Api.Auth;

/// <summary>The authenticated caller of the current HTTP request (bearer token or, for pages, cookie: the same claims).</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private System.Security.Claims.ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    private string Claim(string type) => Principal?.FindFirst(type)?.Value ?? "";

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public string UserId => Claim(ClaimNames.UserId);
    public string DisplayName => Claim(ClaimNames.Name) is { Length: > 0 } n ? n : UserId;
    public string Role => Roles.Count > 0 ? Roles[0] : "";
    public string Jurisdiction => Claim(ClaimNames.Jurisdiction);
    public string? CredentialNumber => Principal?.FindFirst(ClaimNames.Credential)?.Value;

    private System.Security.Claims.ClaimsPrincipal? _rolesOf;
    private string[] _roles = [];

    /// <summary>Every role claim, in the order the token lists them (read once per principal: the checks ask several times).</summary>
    public IReadOnlyList<string> Roles
    {
        get
        {
            var principal = Principal;
            if (principal is null) return [];
            if (!ReferenceEquals(principal, _rolesOf))
            {
                _roles = principal.FindAll(ClaimNames.Role).Select(c => c.Value).Where(v => v.Length > 0).ToArray();
                _rolesOf = principal;
            }
            return _roles;
        }
    }

    public bool IsInRole(string role)
    {
        foreach (var held in Roles)
            if (string.Equals(held, role, StringComparison.Ordinal)) return true;
        return false;
    }

    public long? UserVersion =>
        long.TryParse(Claim(ClaimNames.UserVersion), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
