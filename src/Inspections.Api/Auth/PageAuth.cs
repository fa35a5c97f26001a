using System.Security.Claims;
using Inspections.Core.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Inspections.Api.Auth;

/// <summary>
/// People sign in to the pages with a cookie; scripts call the API with a bearer token. One policy
/// scheme picks per request: a bearer header, or any /api or /hangfire address, goes to the bearer
/// handler (so the API answers 401 problems, never a redirect, and a session cookie opens no API
/// call); everything else goes to the cookie. Both carry the same claims, so <see cref="HttpCurrentUser"/>
/// and every access rule read them alike.
/// </summary>
public static class PageAuth
{
    public const string CookieScheme = "pages";
    public const string SelectorScheme = "bearer-or-cookie";
    public const string CookieName = "inspections_session";

    /// <summary>Claim a cookie carries while the holder must change the initial password before anything else.</summary>
    public const string MustChangePasswordClaim = "must_change_password";

    public const string SignInPath = "/account/sign-in";

    /// <summary>The policy of the admin's pages: whatever their requests admit, only admins open them.</summary>
    public const string AdminPolicy = "pages-admin";
    public const string ChangePasswordPath = "/account/change-password";

    /// <summary>How long a session lives without a request; each request within the second half renews it.</summary>
    public static readonly TimeSpan SessionIdle = TimeSpan.FromHours(8);

    public static IServiceCollection AddPageAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectorScheme;
                o.DefaultAuthenticateScheme = SelectorScheme;
                o.DefaultChallengeScheme = SelectorScheme;
                o.DefaultForbidScheme = SelectorScheme;
                o.DefaultSignInScheme = CookieScheme;
                o.DefaultSignOutScheme = CookieScheme;
            })
            .AddPolicyScheme(SelectorScheme, "Bearer token for the API, cookie for pages",
                o => o.ForwardDefaultSelector = http => UsesBearer(http.Request) ? JwtBearerDefaults.AuthenticationScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Lax: a link to the dashboard shared in a chat opens signed in; every POST still needs the anti-forgery token.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Cookie.IsEssential = true;
                o.ExpireTimeSpan = SessionIdle;
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.LogoutPath = "/account/sign-out";
                o.ReturnUrlParameter = "returnUrl";
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = ctx => Redirect(ctx, ctx.RedirectUri),
                    // A page the role may not open answers 403, which the error page renders in Chinese.
                    OnRedirectToAccessDenied = ctx =>
                    {
                        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                };
            });
        return services;
    }

    /// <summary>The API and the job dashboard are bearer-only; a bearer header is honoured anywhere.</summary>
    public static bool UsesBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/api")
        || request.Path.StartsWithSegments("/hangfire");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx, string location)
    {
        // htmx follows redirects inside fetch and would swap the sign-in page into a fragment: tell it to navigate instead.
        if (ctx.Request.Headers["HX-Request"] == "true")
        {
            ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
            ctx.Response.Headers["HX-Redirect"] = location;
        }
        else ctx.Response.Redirect(location);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The session's identity: the claims a bearer token of the same user carries (<see cref="TokenIssuer.Identity"/>,
    /// with the users-table version, so a change to the account ends the session as it ends the token), and
    /// whether the initial password must still be changed.
    /// </summary>
    public static ClaimsPrincipal Principal(UserDto user, bool mustChangePassword)
    {
        var identity = TokenIssuer.Identity(
            new TokenSubject(user.Id, user.DisplayName, user.Roles, user.Jurisdiction, user.CredentialNumber, user.Version), CookieScheme);
        if (mustChangePassword) identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        return new ClaimsPrincipal(identity);
    }

    public static bool MustChangePassword(this ClaimsPrincipal user) => user.HasClaim(MustChangePasswordClaim, "true");

    /// <summary>True when this request was authenticated by the session cookie (not by a bearer header).</summary>
    public static bool IsCookieSession(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme };

    /// <summary>
    /// Only addresses of this site: an absolute or protocol-relative URL would send the user elsewhere after
    /// signing in. Returned escaped (a shared link may carry Chinese, ?period=上半年), ready for a Location header.
    /// </summary>
    public static string LocalOrHome(string? returnUrl)
    {
        if (returnUrl is not { Length: > 0 } url || url[0] != '/' || (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
            || url.Contains("://", StringComparison.Ordinal) || url.Any(char.IsControl))
            return "/";
        return Uri.TryCreate(new Uri("http://local"), url, out var local) && local.Host == "local" ? local.PathAndQuery : "/";
    }

    /// <summary>
    /// Starts the session and names where it goes next: on the sign-in page the cookie handler would otherwise
    /// follow the raw ?returnUrl itself (unescaped, which a header cannot carry).
    /// </summary>
    public static Task SignInAsync(HttpContext http, ClaimsPrincipal principal, string next) =>
        http.SignInAsync(CookieScheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true, RedirectUri = next });

    public static Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieScheme);
}

/// <summary>
/// Admits to a page the roles its request names in [AllowedRoles], as <see cref="AuthSetup.Allow{TRequest}"/>
/// does for an endpoint: the page and the API for the same data open to the same people.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowRolesOfAttribute : Microsoft.AspNetCore.Authorization.AuthorizeAttribute
{
    public AllowRolesOfAttribute(Type request)
    {
        Request = request;
        Roles = string.Join(",", Core.Behaviors.AllowedRolesAttribute.Of(request)
            ?? throw new InvalidOperationException($"{request.FullName} has no [AllowedRoles]."));
    }

    public Type Request { get; }
}
