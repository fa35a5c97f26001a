using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inspections.Api.Auth;

/// <summary>Mints signed tokens with the configured development key. Used by the `token` command and by tests.</summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider clock)
{
    public static SymmetricSecurityKey Key(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }

    public string Mint(string userId, string displayName, string role, string jurisdiction, string? credential = null)
    {
        if (options.SigningKey is not { Length: > 0 } key)
            throw new InvalidOperationException("Auth:SigningKey is not configured, so no token can be minted here.");
        var claims = new List<Claim>
        {
            new(ClaimNames.UserId, userId),
            new(ClaimNames.Name, displayName),
            new(ClaimNames.Role, role),
            new(ClaimNames.Jurisdiction, jurisdiction),
        };
        if (!string.IsNullOrWhiteSpace(credential)) claims.Add(new Claim(ClaimNames.Credential, credential));
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(options.TokenLifetimeHours),
            SigningCredentials = new SigningCredentials(Key(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
