using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Inspections.Api.Auth;

/// <summary>
/// The bearer token handler with a memory: a token string that validated once (signature, issuer, audience, lifetime)
/// is admitted again without parsing and checking it afresh until the moment it expires, with the same claims. Only
/// successes are kept, keyed by the whole token, so a token altered in any character is validated (and refused) in
/// full. What the token does not decide is still checked on every request: whether its user is still active at the
/// same version (<see cref="Core.Features.Users.UserStandings"/>), and for a provider's token, who the users table says
/// the login is (the JwtBearer TokenValidated event runs each time).
/// </summary>
public sealed class ValidatedTokens : TokenHandler
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ValidatedTokens(TokenHandler inner, TimeProvider clock)
    {
        _inner = inner;
        _clock = clock;
        _entries = new(TokenKeys.Instance);
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private readonly TokenHandler _inner;
    private readonly TimeProvider _clock;

    /// <param name="Principal">The token's principal, shared by every request admitted from memory (it cannot be changed).</param>
    private sealed record Entry(AdmittedPrincipal Principal, SecurityToken Token, string? Issuer, string? TokenType, DateTime Expires);

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    /// <summary>
    /// The principal of a token validated before and not yet expired, the same for every request that presents it (made
    /// when the token validated, unchangeable: <see cref="AdmittedPrincipal"/>); false for any other token.
    /// </summary>
    public bool TryAdmit(ReadOnlySpan<char> token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClaimsPrincipal? principal)
    {
        principal = null;
        if (token.IsEmpty || !_bySpan.TryGetValue(token, out var kept) || _clock.GetUtcNow().UtcDateTime >= kept.Expires) return false;
        principal = kept.Principal;
        return true;
    }

    // For the authentication handler (a dashboard's token, or a header's the middleware sees first): a fresh identity with the
    // token's claims, as the handler it stands in for would give.
    private static ClaimsIdentity Identity(Entry kept)
    {
        var identity = (ClaimsIdentity)kept.Principal.Identity!;
        return new(identity.Claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        if (_entries.TryGetValue(token, out var kept))
        {
            if (now < kept.Expires)
                return new TokenValidationResult
                {
                    IsValid = true,
                    ClaimsIdentity = Identity(kept),
                    SecurityToken = kept.Token,
                    Issuer = kept.Issuer,
                    TokenType = kept.TokenType,
                };
            _entries.TryRemove(token, out _);
        }
        var result = await _inner.ValidateTokenAsync(token, validationParameters);
        // Only a token with an expiry is kept, and only until then (the validation's clock skew is not extended to it).
        if (result.IsValid && result.ClaimsIdentity is { } identity && result.SecurityToken is { ValidTo: var expires } securityToken
            && expires > now)
        {
            if (_entries.Count >= MaxEntries) Purge(now);
            _entries[token] = new Entry(new AdmittedPrincipal(identity.Claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType),
                securityToken, result.Issuer, result.TokenType, expires);
        }
        return result;
    }

    private void Purge(DateTime now)
    {
        foreach (var (key, entry) in _entries)
            if (entry.Expires <= now) _entries.TryRemove(key, out _);
        if (_entries.Count >= MaxEntries) _entries.Clear();
    }

    /// <summary>How many validated tokens are kept (tests).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// Token strings compared whole (ordinal), hashed by their last characters: a JWT ends in its signature, which differs
    /// between any two tokens, so hashing its tail spreads them as well as hashing all ~450 characters would, at a fraction
    /// of the cost on every request. Only validated tokens are kept, so nobody can fill a bucket with chosen tails.
    /// </summary>
    private sealed class TokenKeys : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        public static readonly TokenKeys Instance = new();
        private const int Hashed = 32;

        private static int Hash(ReadOnlySpan<char> token) => string.GetHashCode(token.Length > Hashed ? token[^Hashed..] : token);

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);
        public int GetHashCode(string token) => Hash(token);
        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);
        public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);
        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();
    }
}
