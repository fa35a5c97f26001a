namespace Inspections.Api.Auth;

/// <summary>Bound from "Auth". Production sets Authority (an OIDC issuer); development signs its own tokens.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OIDC authority whose tokens the API accepts (production).</summary>
    public string? Authority { get; set; }

    public string Audience { get; set; } = "inspections-api";

    public string Issuer { get; set; } = "inspections-dev";

    /// <summary>Symmetric key (at least 32 characters) for development and test tokens.</summary>
    public string? SigningKey { get; set; }

    public int TokenLifetimeHours { get; set; } = 12;
}

/// <summary>Claim names the API reads.</summary>
public static class ClaimNames
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Jurisdiction = "jurisdiction";
    public const string Credential = "credential"; // 执法证号
}
