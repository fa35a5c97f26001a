using System.Security.Claims;

namespace Inspections.Api.Auth;

/// <summary>
/// The principal of a validated bearer token, made once when the token first validates and shared by every request that
/// presents it until it expires (<see cref="ValidatedTokens"/>). It cannot be changed: adding or removing an identity or a
/// claim throws, so nothing one request does to it reaches another. What each request's checks read from it is read
/// once: its roles (<see cref="IsInRole"/>, as the framework's decides it, without walking the claims) and the caller's
/// facts (<see cref="Caller"/>).
/// </summary>
public sealed class AdmittedPrincipal : ClaimsPrincipal
{
    private readonly bool _sealed;
    private readonly string[] _roles;

    public AdmittedPrincipal(IEnumerable<Claim> claims, string? authenticationType, string nameType, string roleType)
        : base(new SealedIdentity(claims, authenticationType, nameType, roleType))
    {
        var identity = (ClaimsIdentity)Identity!;
        // ClaimsPrincipal.IsInRole asks each identity HasClaim(its role claim type, role): type ignoring case, value exact.
        _roles = [.. identity.Claims.Where(c => string.Equals(c.Type, identity.RoleClaimType, StringComparison.OrdinalIgnoreCase))
            .Select(c => c.Value)];
        Caller = CallerFacts.Read(this);
        _sealed = true;
    }

    /// <summary>The caller's facts as <see cref="HttpCurrentUser"/> reads them, read once for the token.</summary>
    public CallerFacts Caller { get; }

    public override bool IsInRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Array.IndexOf(_roles, role) >= 0;
    }

    public override void AddIdentity(ClaimsIdentity identity)
    {
        if (_sealed) throw Unchangeable();
        base.AddIdentity(identity);
    }

    public override void AddIdentities(IEnumerable<ClaimsIdentity> identities)
    {
        if (_sealed) throw Unchangeable();
        base.AddIdentities(identities);
    }

    private static InvalidOperationException Unchangeable() =>
        new("A validated token's principal is shared by every request that presents the token: it cannot be changed.");

    private sealed class SealedIdentity : ClaimsIdentity
    {
        private readonly bool _sealed;

        public SealedIdentity(IEnumerable<Claim> claims, string? authenticationType, string nameType, string roleType)
            : base(claims, authenticationType, nameType, roleType) => _sealed = true;

        public override void AddClaim(Claim claim)
        {
            if (_sealed) throw Unchangeable();
            base.AddClaim(claim);
        }

        public override void AddClaims(IEnumerable<Claim?> claims)
        {
            if (_sealed) throw Unchangeable();
            base.AddClaims(claims);
        }

        public override void RemoveClaim(Claim? claim)
        {
            if (_sealed) throw Unchangeable();
            base.RemoveClaim(claim);
        }

        public override bool TryRemoveClaim(Claim? claim)
        {
            if (_sealed) throw Unchangeable();
            return base.TryRemoveClaim(claim);
        }
    }
}
