using Inspections.Core.Common;

namespace Inspections.Api.Auth;

/// <summary>The authenticated caller of the current HTTP request.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private System.Security.Claims.ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    private string Claim(string type) => Principal?.FindFirst(type)?.Value ?? "";

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public string UserId => Claim(ClaimNames.UserId);
    public string DisplayName => Claim(ClaimNames.Name) is { Length: > 0 } n ? n : UserId;
    public string Role => Claim(ClaimNames.Role);
    public string Jurisdiction => Claim(ClaimNames.Jurisdiction);
    public string? CredentialNumber => Principal?.FindFirst(ClaimNames.Credential)?.Value;
}
