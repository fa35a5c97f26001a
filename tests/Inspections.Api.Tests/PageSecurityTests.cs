using System.Net;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inspections.Api.Tests;

/// <summary>
/// The pages and the API keep their own doors: a visitor is sent to the sign-in page, never shown a page;
/// the session cookie of a page opens no API call (the API is bearer-only); a form post needs its
/// anti-forgery token; a page the role may not open answers the Chinese 403 page.
/// </summary>
public sealed class PageSecurityTests() : ApiFixture("sqlite")
{
    // The only pages a visitor may open: signing in, and the error page that explains a refusal.
    private static readonly string[] OpenPages = ["/account/sign-in", "/error/{code:int}"];

    private List<RouteEndpoint> Pages() =>
        Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToList();

    private static string Path(RouteEndpoint page) =>
        System.Text.RegularExpressions.Regex.Replace("/" + page.RoutePattern.RawText!.TrimStart('/'), @"\{([^}:]+)(:[^}]*)?\}",
            m => m.Groups[2].Value.Contains("guid") ? Guid.Empty.ToString() : m.Groups[2].Value.Contains("int") ? "1" : "x");

    private HttpClient Browser(string? cookie = null)
    {
        var client = Api.Client(null);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        if (cookie is not null) client.DefaultRequestHeaders.Add("Cookie", $"{PageAuth.CookieName}={cookie}");
        return client;
    }

    /// <summary>A session cookie as the sign-in page issues it, sealed with the host's own keys.</summary>
    private string SessionCookie(string role, string jurisdiction = "510115", bool mustChangePassword = false)
    {
        var options = Api.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PageAuth.CookieScheme);
        // Someone the users table does not know (no version claim), as a development token names them.
        var identity = TokenIssuer.Identity(new Inspections.Core.Features.Users.TokenSubject($"{role}-{jurisdiction}", "测试" + role, [role], jurisdiction, null, null),
            PageAuth.CookieScheme);
        if (mustChangePassword) identity.AddClaim(new System.Security.Claims.Claim(PageAuth.MustChangePasswordClaim, "true"));
        var principal = new System.Security.Claims.ClaimsPrincipal(identity);
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, properties, PageAuth.CookieScheme));
    }

    [Test]
    public async Task Every_page_but_sign_in_sends_a_visitor_to_sign_in_and_back()
    {
        var pages = Pages();
        Assert.That(pages, Has.Count.GreaterThanOrEqualTo(5), "the host maps the pages");
        var visitor = Browser();
        foreach (var page in pages)
        {
            var raw = "/" + page.RoutePattern.RawText!.TrimStart('/');
            var path = Path(page);
            var response = await visitor.GetAsync(path);
            if (OpenPages.Contains(raw))
            {
                Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.Redirect), raw);
                continue;
            }
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), raw);
            Assert.That(response.Headers.Location!.PathAndQuery,
                Is.EqualTo("/account/sign-in?returnUrl=" + Uri.EscapeDataString(path)), raw);
        }
        var open = pages.Select(p => "/" + p.RoutePattern.RawText!.TrimStart('/'))
            .Where(t => pages.First(p => "/" + p.RoutePattern.RawText!.TrimStart('/') == t).Metadata
                .GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null);
        Assert.That(open, Is.EquivalentTo(OpenPages), "only sign-in and the error page are open to visitors");
    }

    [Test]
    public async Task The_api_does_not_accept_the_page_session_cookie()
    {
        var cookie = SessionCookie("supervisor");
        var client = Api.Client(null);
        client.DefaultRequestHeaders.Add("Cookie", $"{PageAuth.CookieName}={cookie}");
        var refused = await (await client.GetAsync("/api/venues")).Expect(HttpStatusCode.Unauthorized);
        Assert.That(refused.Str("title"), Is.EqualTo("未登录或令牌无效"));
        // The same cookie opens a page: it is the door, not the cookie, that differs.
        var page = await Browser(cookie).GetAsync("/error/404");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await page.Content.ReadAsStringAsync(), Does.Contain("测试supervisor"));
    }

    [Test]
    public async Task A_missing_api_token_is_still_a_401_problem_not_a_redirect()
    {
        var browser = Api.Client(null);
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var response = await browser.GetAsync("/api/venues");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.Location, Is.Null);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task A_post_without_the_anti_forgery_token_is_refused_with_the_chinese_page()
    {
        var response = await Browser(SessionCookie("officer")).PostAsync("/account/sign-out",
            new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("请求无效").And.Contain("lang=\"zh-CN\""));
        Assert.That(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(PageAuth.CookieName + "=;", StringComparison.Ordinal)),
            Is.False, "the session is not ended by a forged post");
    }

    [Test]
    public async Task A_page_the_role_may_not_open_answers_the_chinese_403_page()
    {
        var response = await Browser(SessionCookie("officer")).GetAsync("/permits/" + Guid.NewGuid());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("无权访问"));
        var notFound = await Browser(SessionCookie("clerk")).GetAsync("/permits/" + Guid.NewGuid());
        Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await notFound.Content.ReadAsStringAsync(), Does.Contain("页面不存在"));
    }

    [Test]
    public async Task Pages_carry_a_content_security_policy_without_inline_script()
    {
        var response = await Browser().GetAsync("/account/sign-in");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.That(csp, Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(csp, Does.Not.Contain("unsafe-eval"));
        Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
    }

    [TestCase("/supervisor/dashboard", "/supervisor/dashboard")]
    [TestCase("/cases/1?x=2", "/cases/1?x=2")]
    [TestCase("/supervisor/dashboard?period=上半年", "/supervisor/dashboard?period=%E4%B8%8A%E5%8D%8A%E5%B9%B4")]
    [TestCase("//evil.example/x", "/")]
    [TestCase("/\\evil.example", "/")]
    [TestCase("https://evil.example/", "/")]
    [TestCase("javascript:alert(1)", "/")]
    [TestCase("", "/")]
    [TestCase(null, "/")]
    public void Only_local_addresses_are_followed_after_signing_in(string? returnUrl, string expected) =>
        Assert.That(PageAuth.LocalOrHome(returnUrl), Is.EqualTo(expected));
}
