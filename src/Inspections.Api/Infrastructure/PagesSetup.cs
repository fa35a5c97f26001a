using System.Globalization;
using FluentValidation;
using Inspections.Api.Auth;
using Inspections.Core.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// The pages people use: Razor Pages beside the API, signed in with a cookie (<see cref="PageAuth"/>),
/// their scripts and styles served from wwwroot with nothing fetched from elsewhere, and errors shown
/// as Chinese pages rather than JSON problems. The API's behaviour is untouched: everything here
/// applies to page addresses only (<see cref="IsPageRequest"/>).
/// </summary>
public static class PagesSetup
{
    public static IServiceCollection AddInspectionsPages(this IServiceCollection services)
    {
        services.AddPageAuthentication();
        services.AddAuthorizationBuilder().AddPolicy(PageAuth.AdminPolicy, p => p.RequireRole(Domain.Access.Roles.Admin));
        services.AddRazorPages(o => o.Conventions.AuthorizeFolder("/Admin", PageAuth.AdminPolicy))
            .AddMvcOptions(o =>
            {
                // Whether a field is required is the request's validator's to say, on pages as on the API.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                SetBindingMessages(o.ModelBindingMessageProvider);
                o.Filters.Add<PageGuard>();
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "inspections_csrf";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // htmx sends the token in this header (see wwwroot/js/site.js); forms send the hidden field.
            o.HeaderName = AntiforgeryHeader;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddMemoryCache();
        services.AddScoped<Pages.Places>();
        // Chinese text goes out as UTF-8, not as &#x...; entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services;
    }

    public const string AntiforgeryHeader = "RequestVerificationToken";

    private static readonly CultureInfo PageCulture = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// Static files (before sign-in is checked: scripts and styles are public), Chinese error pages for page
    /// addresses, and the pages themselves. Call after UseStatusCodeProblems, before UseAuthentication.
    /// </summary>
    public static WebApplication UseInspectionsPages(this WebApplication app)
    {
        // The static files are the pages' (styles, scripts, the icon): an API address does not look for one.
        app.UseWhen(static http => !http.Request.Path.StartsWithSegments(ApiPrefix), files => files.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.XContentTypeOptions = "nosniff",
        }));
        // Only a page request goes through what pages need; an API request passes by with one test of its address.
        // The branch is built with the pipeline (not here, as UseWhen would): the re-execution below routes again through
        // the routing the host adds at that moment, which a builder copied now would not know of (the error page's
        // address would then find no page: 404).
        app.Use(next =>
        {
            var pages = ((IApplicationBuilder)app).New();
            // The application's routes, which the re-execution routes with; New() leaves them out.
            pages.Properties[GlobalRouteBuilder] = app;
            pages.Use(static (http, next) =>
            {
                // The pages are written in Chinese only, so what the requests word for them is Chinese too,
                // whatever language the browser prefers (the API keeps answering English on Accept-Language: en).
                if (CultureInfo.CurrentUICulture.Name != PageCulture.Name || CultureInfo.CurrentCulture.Name != PageCulture.Name)
                    CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = PageCulture;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return next(http);
            });
            // An empty 4xx/5xx on a page address (403 for a role, 404, a refused anti-forgery token) becomes the
            // Chinese error page; other addresses keep the problem documents of UseStatusCodePages.
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
            pages.Run(next);
            var page = pages.Build();
            return http => IsPageRequest(http) ? page(http) : next(http);
        });
        app.MapRazorPages();
        return app;
    }

    /// <summary>The property under which the application's builder keeps its routes for a re-execution to route with.</summary>
    private const string GlobalRouteBuilder = "__GlobalEndpointRouteBuilder";

    // Scripts only from this site and never inline, nothing framed. Inline styles are allowed because ECharts writes its
    // tooltips as HTML with style attributes; a style cannot run code.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly PathString ApiPrefix = new("/api");

    private static readonly PathString[] NonPagePrefixes =
        [.. new[] { "/api", "/hangfire", "/openapi", "/scalar", "/health", "/lib", "/css", "/js", "/favicon.svg" }.Select(p => new PathString(p))];

    /// <summary>
    /// A browser asking for a page: not an API, job dashboard, API description, health or static address,
    /// and willing to read HTML (a script asking for JSON keeps the problem documents).
    /// </summary>
    public static bool IsPageRequest(HttpContext http) => IsPageRequest(http, http.Request.Path);

    /// <inheritdoc cref="IsPageRequest(HttpContext)"/>
    /// <param name="path">The address asked for (the exception handler has already pointed the request at the error page).</param>
    public static bool IsPageRequest(HttpContext http, PathString path)
    {
        foreach (var prefix in NonPagePrefixes)
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var accept = http.Request.Headers.Accept;
        return accept.Count == 0 || accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static void SetBindingMessages(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider m)
    {
        m.SetAttemptedValueIsInvalidAccessor((value, field) => Text.Pick($"“{value}”不是有效的{field}", $"The value '{value}' is not valid for {field}."));
        m.SetValueIsInvalidAccessor(value => Text.Pick($"“{value}”格式不正确", $"The value '{value}' is invalid."));
        m.SetUnknownValueIsInvalidAccessor(field => Text.Pick($"{field}格式不正确", $"The supplied value is invalid for {field}."));
        m.SetValueMustBeANumberAccessor(field => Text.Pick($"{field}应为数字", $"The field {field} must be a number."));
        m.SetValueMustNotBeNullAccessor(value => Text.Pick("不能为空", $"The value '{value}' is invalid."));
        m.SetMissingBindRequiredValueAccessor(field => Text.Pick($"缺少{field}", $"A value for the '{field}' parameter or property was not provided."));
        m.SetMissingKeyOrValueAccessor(() => Text.Pick("缺少值", "A value is required."));
        m.SetMissingRequestBodyRequiredValueAccessor(() => Text.Pick("缺少请求内容", "A non-empty request body is required."));
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => Text.Pick($"“{value}”格式不正确", $"The value '{value}' is not valid."));
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => Text.Pick("格式不正确", "The supplied value is invalid."));
        m.SetNonPropertyValueMustBeANumberAccessor(() => Text.Pick("应为数字", "The field must be a number."));
    }
}

/// <summary>Pages a signed-in user may open while the initial password is still to be changed.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowedBeforePasswordChangeAttribute : Attribute;

/// <summary>
/// Around every page handler: sends a user who must change the initial password to that page first,
/// and turns what the mediator refuses into the status the error page renders (403, 404, 409, 503)
/// (500 for anything else, logged) instead of a JSON problem. Validation failures a page expects are caught by the page itself
/// (<see cref="Pages.PageSend"/>), next to the fields.
/// </summary>
internal sealed partial class PageGuard(ILogger<PageGuard> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.MustChangePassword()
            && !context.HandlerInstance.GetType().IsDefined(typeof(AllowedBeforePasswordChangeAttribute), inherit: false))
        {
            var back = http.Request.Path + http.Request.QueryString;
            context.Result = new RedirectResult($"{PageAuth.ChangePasswordPath}?returnUrl={Uri.EscapeDataString(back)}");
            return;
        }
        var executed = await next();
        if (executed.Exception is not { } e || executed.ExceptionHandled) return;
        if (e is UnauthorizedException)
        {
            // The account changed since signing in (roles, jurisdiction, password, deactivated): that session is over.
            await PageAuth.SignOutAsync(http);
            var back = http.Request.Method == HttpMethods.Get ? http.Request.Path + http.Request.QueryString : "/";
            executed.Result = new RedirectResult($"{PageAuth.SignInPath}?changed=true&returnUrl={Uri.EscapeDataString(back)}");
            executed.ExceptionHandled = true;
            return;
        }
        var status = e switch
        {
            ForbiddenException => StatusCodes.Status403Forbidden,
            NotFoundException => StatusCodes.Status404NotFound,
            ConflictException => StatusCodes.Status409Conflict,
            ValidationException or BadHttpRequestException => StatusCodes.Status400BadRequest,
            _ when ProblemMapping.IsUnavailable(e) => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
        if (status == StatusCodes.Status503ServiceUnavailable) LogUnavailable(e, http.Request.Path);
        if (status == StatusCodes.Status500InternalServerError) LogUnexpected(e, http.Request.Method, http.Request.Path);
        executed.Result = new StatusCodeResult(status);
        executed.ExceptionHandled = true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on page {Path}")]
    private partial void LogUnavailable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on page {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
