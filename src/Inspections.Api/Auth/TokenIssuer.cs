using System.Globalization;
using System.Security.Claims;
using System.Text;
using Inspections.Core.Common;
using Inspections.Core.Features.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inspections.Api.Auth;

/// <summary>
/// Mints signed tokens with the configured key: for signing in and API tokens (<see cref="IAccessTokens"/>),
/// the `token` command and tests. Where an outside identity provider issues the tokens (Auth:Authority),
/// this host mints none: the provider's are the only ones accepted.
/// </summary>
public sealed class TokenIssuer(AuthOptions options, TimeProvider clock) : IAccessTokens
{
    public static SymmetricSecurityKey Key(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32) throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes.");
        return new SymmetricSecurityKey(bytes);
    }

    /// <summary>A development token: one role, whoever the arguments say (the `token` command, tests).</summary>
    public string Mint(string userId, string displayName, string role, string jurisdiction, string? credential = null) =>
        Mint(new TokenSubject(userId, displayName, [role], jurisdiction, credential, null), TimeSpan.FromHours(options.TokenLifetimeHours)).Token;

    public AccessToken Issue(TokenSubject subject, TokenUse use)
    {
        if (options.Authority is not null)
            throw new ConflictException(
                "本系统的令牌由统一身份认证平台签发，请向其申请。",
                "Tokens for this system are issued by its identity provider; ask it for one.");
        return Mint(subject, TimeSpan.FromHours(use == TokenUse.Script ? options.ApiTokenLifetimeHours : options.TokenLifetimeHours));
    }

    public AccessToken Mint(TokenSubject subject, TimeSpan lifetime)
    {
        if (options.SigningKey is not { Length: > 0 } key)
            throw new InvalidOperationException("Auth:SigningKey is not configured, so no token can be minted here.");
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.Add(lifetime);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = Identity(subject, "Bearer"),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(Key(key), SecurityAlgorithms.HmacSha256),
        });
        // The token's exp is whole seconds: answer the instant it actually carries.
        return new AccessToken(token, new DateTimeOffset(expires.Ticks - expires.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));
    }

    /// <summary>
    /// The claims of a signed-in user, the same for a bearer token and a page's cookie: sub, name,
    /// one role claim per role, jurisdiction, credential number, and the users-table version.
    /// </summary>
    public static ClaimsIdentity Identity(TokenSubject subject, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimNames.UserId, subject.UserId),
            new(ClaimNames.Name, subject.DisplayName),
        };
        claims.AddRange(subject.Roles.Select(r => new Claim(ClaimNames.Role, r)));
        claims.Add(new Claim(ClaimNames.Jurisdiction, subject.Jurisdiction));
        if (!string.IsNullOrWhiteSpace(subject.CredentialNumber)) claims.Add(new Claim(ClaimNames.Credential, subject.CredentialNumber));
        if (subject.UserVersion is { } version)
            claims.Add(new Claim(ClaimNames.UserVersion, version.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        return new ClaimsIdentity(claims, authenticationType, ClaimNames.Name, ClaimNames.Role);
    }
}
