namespace Inspections.Api.Auth;

/// <summary>Bound from "Auth". Production sets Authority (an OIDC issuer); development signs its own tokens.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OIDC authority whose tokens the API accepts (production).</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// With an Authority: the claim of the provider's token that carries the login name, matched against the
    /// users table (roles, jurisdiction and credential number are the table's, never the provider's).
    /// </summary>
    public string LoginClaim { get; set; } = "preferred_username";

    /// <summary>With an Authority: fetch its metadata over HTTPS only (false only for a provider on loopback in tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string Audience { get; set; } = "inspections-api";

    public string Issuer { get; set; } = "inspections-dev";

    /// <summary>Symmetric key (at least 32 characters) for development and test tokens.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a token from signing in (or the `token` command) is accepted.</summary>
    public int TokenLifetimeHours { get; set; } = 12;

    /// <summary>
    /// How long this instance keeps a signed-in user's standing (active, version) between reads of the users table.
    /// A change made through this instance ends the user's tokens at once; one made through another instance behind
    /// the same database (or the create-admin command) within this many seconds. 0 reads the row on every request.
    /// </summary>
    public double UserCheckSeconds { get; set; } = 5;

    /// <summary>How long an API token for scripts (POST /api/account/token) is accepted. Changing the account ends it sooner.</summary>
    public int ApiTokenLifetimeHours { get; set; } = 24 * 30;
}

/// <summary>Claim names the API reads.</summary>
public static class ClaimNames
{
    public const string UserId = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Jurisdiction = "jurisdiction";
    public const string Credential = "credential"; // 执法证号
    /// <summary>The users-table version a sign-in was issued for; absent on development and outside tokens.</summary>
    public const string UserVersion = "user_version";
}
