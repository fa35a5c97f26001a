using System.Security.Claims;
using Inspections.Core.Common;

namespace Inspections.Api.Auth;

/// <summary>
/// The scope's <see cref="ICurrentUser"/>: the authenticated caller of the current HTTP request (bearer token or, for pages,
/// cookie: the same claims), which binds itself to its scope's instance before any endpoint runs
/// (<see cref="AuthSetup.UseCurrentUser"/>); in a scope no request bound (a job's) the system user, as <see cref="SystemUser"/>
/// says it. Registered as the interface itself, so a handler's or behaviour's caller is one lookup of the scope's, not a
/// factory asking the scope again. The caller's facts are read once per principal.
/// </summary>
public sealed class HttpCurrentUser : ICurrentUser
{
    /// <summary>The system user's facts, for a scope no request bound.</summary>
    private static readonly CallerFacts System = Unbound(new SystemUser());

    private HttpContext? _http;
    private ClaimsPrincipal? _readFrom;
    private CallerFacts _facts = CallerFacts.Nobody;

    public void Bind(HttpContext http) => _http = http;

    private static CallerFacts Unbound(SystemUser system) =>
        new(system.IsAuthenticated, system.UserId, system.DisplayName, [system.Role], system.Jurisdiction, system.CredentialNumber, null);

    private CallerFacts Facts
    {
        get
        {
            if (_http is not { } http) return System;
            // A page's sign-in replaces the request's principal: read again when it changes.
            if (http.User is not { } principal) return CallerFacts.Nobody;
            if (!ReferenceEquals(principal, _readFrom))
            {
                _facts = CallerFacts.Of(principal);
                _readFrom = principal;
            }
            return _facts;
        }
    }

    public bool IsAuthenticated => Facts.IsAuthenticated;
    public string UserId => Facts.UserId;
    public string DisplayName => Facts.DisplayName;
    public string Role => Facts.Roles is [var first, ..] ? first : "";
    public string Jurisdiction => Facts.Jurisdiction;
    public string? CredentialNumber => Facts.CredentialNumber;

    /// <summary>Every role claim, in the order the token lists them.</summary>
    public IReadOnlyList<string> Roles => Facts.Roles;

    public bool IsInRole(string role)
    {
        foreach (var held in Facts.Roles)
            if (string.Equals(held, role, StringComparison.Ordinal)) return true;
        return false;
    }

    public long? UserVersion => Facts.UserVersion;
}
