using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Features.Users;
using Inspections.Domain.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Inspections.Api.Auth;

public static class AuthSetup
{
    /// <summary>The dashboard cannot send a bearer header from a browser: it takes the token once from the query and keeps it in a cookie.</summary>
    public const string DashboardCookie = "inspections_dashboard_token";

    public static IServiceCollection AddInspectionsAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        // Users sign in against the users table and get tokens this host signs with Auth:SigningKey
        // (in Production a key of its own, from a secret store); or an OIDC provider (Auth:Authority)
        // issues every token and this host mints none.
        if (options.Authority is null && options.SigningKey is null)
            throw new InvalidOperationException(
                "Configure Auth:SigningKey (this host signs its users' tokens) or Auth:Authority (an OIDC issuer).");

        if (env.IsProduction() && options.Authority is null
            && options.SigningKey!.StartsWith("development-only", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("Production needs a signing key of its own: the development key is in the repository.");

        services.AddSingleton(options);
        // Tokens live in real time even when a test moves the application's clock.
        services.AddSingleton(_ => new TokenIssuer(options, TimeProvider.System));
        services.AddSingleton<IAccessTokens>(sp => sp.GetRequiredService<TokenIssuer>());
        services.AddSingleton(new UserStandings(TimeSpan.FromSeconds(Math.Max(0, options.UserCheckSeconds))));
        services.AddSingleton((configuration.GetSection(SignInOptions.Section).Get<SignInOptions>() ?? new SignInOptions()).Validated());
        // No IHttpContextAccessor: with one registered the host makes a new HttpContext for every request (instead of reusing
        // the connection's) and flows it through every await. A request binds its caller to its scope (UseCurrentUser).
        // Jobs run without a request: their scope's caller acts as the system user, never as a token's holder.
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        // Each token is validated in full once, then admitted from memory until it expires (ValidatedTokens).
        var validated = new ValidatedTokens(new JsonWebTokenHandler { MapInboundClaims = false }, TimeProvider.System);
        services.AddSingleton(validated);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(validated);
            jwt.Audience = options.Audience;
            // Nothing reads the token back from the authentication properties: not kept there per request.
            jwt.SaveToken = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = ClaimNames.Name,
                RoleClaimType = ClaimNames.Role,
                ValidAudience = options.Audience,
                ValidateAudience = true,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            if (options.Authority is not null)
            {
                jwt.Authority = options.Authority;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
            }
            else
            {
                jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                jwt.TokenValidationParameters.IssuerSigningKey = TokenIssuer.Key(options.SigningKey!);
            }
            jwt.Events = new JwtBearerEvents
            {
                // A provider's token says who signed in; what they may do is the users table's.
                OnTokenValidated = ctx => options.Authority is null ? Task.CompletedTask : MatchUserAsync(ctx, options),
                OnMessageReceived = ctx =>
                {
                    if (ctx.HttpContext.Request.Path.StartsWithSegments("/hangfire")) TakeDashboardToken(ctx);
                    // A header's token validated before never reaches here (UseTokenAuthentication admitted it); the
                    // dashboard's, from its query or cookie, is admitted from memory the same way. A provider's token always
                    // goes through the handler, so that TokenValidated matches its login against the users table on every request.
                    if (options.Authority is null && ctx.Token is { } token && validated.TryAdmit(token, out var principal))
                    {
                        ctx.Principal = principal;
                        ctx.Success();
                    }
                    return Task.CompletedTask;
                },
            };
        });

        // The endpoints' policies decided from the principal (ClaimsPolicyEvaluator); any other by the framework's evaluator.
        services.TryAddTransient<PolicyEvaluator>();
        services.AddSingleton<IPolicyEvaluator, ClaimsPolicyEvaluator>();
        services.AddSingleton<EndpointPolicies>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
                .RequireClaim(ClaimNames.Jurisdiction).RequireClaim(ClaimNames.Role, Roles.All).Build());
        return services;
    }

    /// <summary>
    /// Authentication, with a bearer token this host signed and has validated before admitted from memory ahead of it:
    /// such a request skips the authentication middleware (its scheme selector, the JwtBearer handler's per-request setup
    /// and its events), which was a fifth of a venue read's time in our pipeline. Every other request (a first sight of a
    /// token, an expired one, a cookie, a provider's token under Auth:Authority, which must be matched against the users
    /// table each time) goes through the middleware as before. Authorization then reads the admitted principal from the request.
    /// </summary>
    public static IApplicationBuilder UseTokenAuthentication(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<AuthOptions>();
        var validated = app.ApplicationServices.GetRequiredService<ValidatedTokens>();
        if (options.Authority is not null) return app.UseAuthentication();
        UseUnlessPassed(app, static branch => branch.UseAuthentication(), http =>
        {
            if (!validated.TryAdmit(BearerToken(http.Request), out var principal)) return false;
            http.User = principal;
            return true;
        });
        // UseAuthentication marks the builder it is called on, here the branch's copy of the properties. Unmarked, the
        // host adds the authentication middleware again at the head of the pipeline (as for an app that never called it),
        // which runs the handler for every request, admitted from memory or not.
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app;
    }

    /// <summary>
    /// Authorization, with a request the endpoint's policy admits on the principal alone (<see cref="ClaimsPolicyEvaluator.Admits"/>:
    /// signed in, one of the request's roles) passed straight on to the endpoint, without the authorization middleware's
    /// per-request setup (authentication result, features, evaluator, result handler). Every other request (one the policy
    /// refuses or asks to sign in, an anonymous endpoint, a page's cookie policy, an address without an endpoint) goes through
    /// the middleware, which answers it as before. The decision is the same: the policy is the one the middleware combines
    /// from the endpoint's metadata, kept per endpoint.
    /// <para>
    /// The endpoint middleware checks, for every request, that an endpoint carrying security metadata met its middleware:
    /// authorization by a mark in <c>http.Items</c> (a dictionary made for each request, and a key internal to the framework),
    /// CORS and anti-forgery likewise. Every request with an endpoint passes this step, which authorizes it here or hands it
    /// to the middleware, so that check is turned off (<see cref="RouteOptions.SuppressCheckForUnhandledSecurityMetadata"/>)
    /// and the other two are made here instead, once per endpoint (<see cref="EnsureNoUnmetMiddleware"/>).
    /// </para>
    /// </summary>
    public static IApplicationBuilder UseEndpointAuthorization(this IApplicationBuilder app)
    {
        var policies = app.ApplicationServices.GetRequiredService<EndpointPolicies>();
        app.ApplicationServices.GetRequiredService<IOptions<RouteOptions>>().Value.SuppressCheckForUnhandledSecurityMetadata = true;
        UseUnlessPassed(app, static branch => branch.UseAuthorization(), http =>
            http.GetEndpoint() is { } endpoint && policies.For(endpoint).Policy is { } policy && ClaimsPolicyEvaluator.Admits(policy, http.User));
        // As for authentication: the host would otherwise add the middleware again (UseAuthorization marked the branch).
        app.Properties[AuthorizationMiddlewareSet] = true;
        return app;
    }

    /// <summary>
    /// The API's reads in one step: a GET of an API read (<see cref="Endpoints.WritesItsAnswers"/>, under /api) whose address the
    /// input rules pass, carrying a bearer token validated before, from a caller the endpoint's policy admits, goes from here
    /// straight to its endpoint: admitted, authorized and bound to its caller here, as <see cref="UseTokenAuthentication"/>,
    /// <see cref="UseEndpointAuthorization"/> and <see cref="UseCurrentUser"/> would admit, authorize and bind it, by the same
    /// tests. The steps between, which an API read only passes by, are not run for it: the status code pages (an API read writes
    /// its own answers), the pages and their static files (an API address), idempotency keys (POST only) and the job dashboard
    /// (its own address), nor the endpoint middleware's checks (turned off, <see cref="UseEndpointAuthorization"/>). Every other
    /// request, and any read the lane does not take (a token seen for the first time, a refusal, an address the rules refuse,
    /// a body type), goes through them all as before. Under an identity provider (Auth:Authority) every token is matched against
    /// the users table on every request: no lane. Placed after the exception handler, which answers what the endpoint throws.
    /// </summary>
    public static IApplicationBuilder UseApiReadLane(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<AuthOptions>().Authority is not null) return app;
        var validated = app.ApplicationServices.GetRequiredService<ValidatedTokens>();
        var policies = app.ApplicationServices.GetRequiredService<EndpointPolicies>();
        return app.Use(next => http =>
        {
            if (http.GetEndpoint() is { RequestDelegate: { } endpoint } matched && policies.For(matched) is { ReadLane: true, Policy: { } policy }
                && Infrastructure.InputRules.Passes(http.Request)
                && validated.TryAdmit(BearerToken(http.Request), out var principal) && ClaimsPolicyEvaluator.Admits(policy, principal))
            {
                http.User = principal;
                BindCaller(http);
                return endpoint(http);
            }
            return next(http);
        });
    }

    /// <summary>
    /// Binds the request to its scope's caller (<see cref="HttpCurrentUser"/>, the <see cref="ICurrentUser"/> of every handler,
    /// behaviour and page the request runs): after authentication, before any endpoint.
    /// </summary>
    public static IApplicationBuilder UseCurrentUser(this IApplicationBuilder app) => app.Use(static next => http =>
    {
        BindCaller(http);
        return next(http);
    });

    private static void BindCaller(HttpContext http)
    {
        // Another registration of the caller (the demo's, a test's) is bound by whoever registered it.
        if (http.RequestServices.GetRequiredService<ICurrentUser>() is HttpCurrentUser caller) caller.Bind(http);
    }

    /// <summary>
    /// A branch of its own for <paramref name="middleware"/> (as UseWhen builds one), which a request enters unless
    /// <paramref name="passed"/> lets it pass straight on.
    /// </summary>
    private static void UseUnlessPassed(IApplicationBuilder app, Action<IApplicationBuilder> middleware, Func<HttpContext, bool> passed)
    {
        var branch = app.New();
        middleware(branch);
        app.Use(next =>
        {
            branch.Run(next);
            var through = branch.Build();
            return http => passed(http) ? next(http) : through(http);
        });
    }

    /// <summary>
    /// What the endpoint middleware would refuse with its check off (<see cref="UseEndpointAuthorization"/>): an endpoint asking
    /// for CORS or for anti-forgery validation, neither of whose middleware this host runs (the pages validate their forms'
    /// tokens in their own filters; the API's form endpoints take bearer tokens and say so with DisableAntiforgery). Thrown on
    /// each request to such an endpoint, as the framework throws, so the endpoint never runs unprotected.
    /// </summary>
    internal static void EnsureNoUnmetMiddleware(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ICorsMetadata>() is not null)
            throw new InvalidOperationException($"Endpoint {endpoint.DisplayName} contains CORS metadata, but this host runs no CORS middleware.");
        if (endpoint.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
            throw new InvalidOperationException(
                $"Endpoint {endpoint.DisplayName} asks for anti-forgery validation, but this host runs no anti-forgery middleware " +
                "(an API endpoint reading a form takes a bearer token: mark it DisableAntiforgery()).");
    }

    private const string AuthorizationMiddlewareSet = "__AuthorizationMiddlewareSet";

    /// <summary>The property UseAuthentication sets on its builder, by which the host sees the middleware is in place.</summary>
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    /// <summary>The dashboard's token: from the query once (then kept in a cookie), or from that cookie.</summary>
    private static void TakeDashboardToken(MessageReceivedContext ctx)
    {
        if (ctx.Request.Query["access_token"] is { Count: 1 } fromQuery && fromQuery[0] is { Length: > 0 } t)
        {
            ctx.Token = t;
            ctx.Response.Cookies.Append(DashboardCookie, t, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ctx.Request.IsHttps, Path = "/hangfire",
            });
        }
        else if (ctx.Request.Cookies.TryGetValue(DashboardCookie, out var c)) ctx.Token = c;
    }

    /// <summary>The token of an Authorization: Bearer header, read as the JwtBearer handler reads it.</summary>
    private static ReadOnlySpan<char> BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        // Read in place (a token is hundreds of characters: not copied for each request); several headers read as the handler joins them.
        var authorization = header.Count == 1 ? header[0].AsSpan() : header.ToString().AsSpan();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : default;
    }

    /// <summary>
    /// The person an identity provider's token names (by <see cref="AuthOptions.LoginClaim"/>, else its subject),
    /// as the users table knows them now: an unknown or deactivated login is refused, and the roles,
    /// jurisdiction and credential number the provider may also send are replaced by the table's.
    /// </summary>
    private static async Task MatchUserAsync(TokenValidatedContext ctx, AuthOptions options)
    {
        var login = ctx.Principal?.FindFirst(options.LoginClaim)?.Value ?? ctx.Principal?.FindFirst(ClaimNames.UserId)?.Value;
        var db = ctx.HttpContext.RequestServices.GetRequiredService<Inspections.Core.Data.DbSession>();
        if (await ProviderLogins.MatchAsync(db, login, ctx.HttpContext.RequestAborted) is not { } subject)
        {
            ctx.Fail("The login this token names is not an active user of this system.");
            return;
        }
        ctx.Principal = new System.Security.Claims.ClaimsPrincipal(TokenIssuer.Identity(subject,
            JwtBearerDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// Admits the roles the request type names in its [AllowedRoles] (or anyone, for an [Anonymous] request):
    /// the endpoint and the pipeline read the same list.
    /// </summary>
    public static RouteHandlerBuilder Allow<TRequest>(this RouteHandlerBuilder builder)
    {
        if (AnonymousAttribute.IsOn(typeof(TRequest)))
            return builder.AllowAnonymous().WithMetadata(new Infrastructure.RequestTypeMetadata(typeof(TRequest)));
        var roles = AllowedRolesAttribute.Of(typeof(TRequest))
            ?? throw new InvalidOperationException($"{typeof(TRequest).FullName} has no [AllowedRoles].");
        return builder.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(",", roles) })
            .WithMetadata(new Infrastructure.RequestTypeMetadata(typeof(TRequest)));
    }

    public static readonly string[] DashboardRoles = [Roles.Supervisor, Roles.Admin];
}
