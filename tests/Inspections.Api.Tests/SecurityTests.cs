using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests;

/// <summary>No endpoint ships open by accident; the dashboard and health checks admit whom they should.</summary>
public sealed class SecurityTests() : ApiFixture("sqlite")
{
    // Only these answer without a token: liveness and readiness, the API description with its page, and signing in.
    private static readonly string[] OpenPrefixes = ["/health", "/openapi/", "/scalar", "/api/account/sign-in"];

    [Test]
    public async Task Every_mapped_endpoint_refuses_an_anonymous_call()
    {
        var sources = Api.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var endpoints = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(4));
        var anonymous = Api.Client(null);
        var checkedCount = 0;
        foreach (var endpoint in endpoints)
        {
            // Pages answer a visitor with the sign-in page instead (PageSecurityTests).
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null) continue;
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (OpenPrefixes.Any(p => template.StartsWith(p, StringComparison.Ordinal))) continue;
            var path = System.Text.RegularExpressions.Regex.Replace(template, @"\{([^}:]+)(:[^}]*)?\}", m =>
                m.Groups[2].Value.Contains("guid") ? Guid.Empty.ToString() : "x");
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                var response = await anonymous.SendAsync(request);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {template}");
                // A problem document, whether the status code pages wrote it or the endpoint's authorization did.
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"{method} {template}");
                using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.That(problem.RootElement.GetProperty("title").GetString(), Is.EqualTo("未登录或令牌无效"), $"{method} {template}");
                checkedCount++;
            }
        }
        Assert.That(checkedCount, Is.GreaterThanOrEqualTo(5));
    }

    [Test]
    public async Task Refusals_by_the_framework_are_problems_in_the_callers_language()
    {
        var anonymous = await (await Api.Client(null).GetAsync("/api/venues")).Expect(HttpStatusCode.Unauthorized);
        Assert.That(anonymous.Str("title"), Is.EqualTo("未登录或令牌无效"));
        var clerk = await (await Api.Client("clerk").PostJson("/api/venues", new { name = "x" })).Expect(HttpStatusCode.Forbidden);
        Assert.That(clerk.Str("title"), Is.EqualTo("无权操作"));
        var english = await (await Api.Client("clerk", language: "en").PostJson("/api/venues", new { name = "x" })).Expect(HttpStatusCode.Forbidden);
        Assert.That(english.Str("title"), Is.EqualTo("Forbidden"));
        Assert.That(english.Str("traceId"), Is.Not.Empty);
    }

    [Test]
    public async Task Bodiless_refusals_on_an_api_address_are_problems_too()
    {
        // The status code pages are not run for the API's reads (every answer of theirs has a body), so each way such an
        // address may be refused without one is checked here: a method it does not take, a body that is not JSON (on the
        // address's POST), an address next to it that does not exist, and a role its policy refuses.
        var officer = Api.Client("officer");
        var method = await (await officer.DeleteAsync("/api/venues")).Expect(HttpStatusCode.MethodNotAllowed);
        Assert.That(method.Str("title"), Is.EqualTo("不支持的请求方法"));
        var text = await (await officer.PostAsync("/api/venues", new StringContent("名称", System.Text.Encoding.UTF8, "text/plain")))
            .Expect(HttpStatusCode.UnsupportedMediaType);
        Assert.That(text.Str("title"), Is.Not.Empty);
        var missing = await (await officer.GetAsync("/api/venues/" + Guid.NewGuid() + "/nothing-here")).Expect(HttpStatusCode.NotFound);
        Assert.That(missing.Str("title"), Is.EqualTo("未找到"));
        var clerk = await (await Api.Client("clerk").GetAsync("/api/venues/" + Guid.NewGuid() + "/history")).Expect(HttpStatusCode.Forbidden);
        Assert.That(clerk.Str("title"), Is.EqualTo("无权操作"));
    }

    [Test]
    public async Task Health_checks_answer_without_a_token()
    {
        var anonymous = Api.Client(null);
        Assert.That((await anonymous.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_openapi_document_and_api_page_are_served()
    {
        var anonymous = Api.Client(null);
        var doc = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.That(doc, Does.Contain("/api/venues").And.Contain("bearer"));
        Assert.That((await anonymous.GetAsync("/scalar/v1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, HttpStatusCode.Unauthorized)]
    [TestCase("officer", HttpStatusCode.Forbidden)]
    [TestCase("clerk", HttpStatusCode.Forbidden)]
    [TestCase("supervisor", HttpStatusCode.OK)]
    [TestCase("admin", HttpStatusCode.OK)]
    public async Task The_hangfire_dashboard_admits_supervisors_and_admins_only(string? role, HttpStatusCode expected)
    {
        var response = await Api.Client(role).GetAsync("/hangfire");
        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task The_dashboard_takes_a_token_from_the_query_once_and_keeps_it_in_a_cookie()
    {
        var handler = Api.Server.CreateHandler();
        var cookies = new System.Net.CookieContainer();
        using var client = new HttpClient(new CookieHandler(cookies) { InnerHandler = handler }) { BaseAddress = Api.Server.BaseAddress };
        var first = await client.GetAsync("/hangfire?access_token=" + Api.Token("supervisor"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var second = await client.GetAsync("/hangfire/jobs/enqueued");
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var forged = new Inspections.Api.Auth.TokenIssuer(
            new Inspections.Api.Auth.AuthOptions { SigningKey = "some-other-key-that-is-also-long-enough-0123" }, TimeProvider.System)
            .Mint("mallory", "mallory", "admin", "510115");
        var client = Api.Client(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);
        Assert.That((await client.GetAsync("/api/venues")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Production_serves_no_api_page_and_mints_no_tokens()
    {
        await using var production = Api.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Auth:Authority", "https://id.example.gov.cn/");
        });
        // Not followed: an address that is not served sends a visitor to the sign-in page, which is.
        var anonymous = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.That((await anonymous.GetAsync("/scalar/v1")).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That((await anonymous.GetAsync("/openapi/v1.json")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            EnvironmentName = "Production",
            Args = ["token", "--user", "张三", "--role", "admin", "--jurisdiction", "510115"],
        });
        builder.Configuration["Auth:SigningKey"] = ApiFactory.SigningKey;
        Assert.That(Inspections.Api.Infrastructure.Commands.Token(builder, ["token", "--user", "张三", "--role", "admin", "--jurisdiction", "510115"]),
            Is.EqualTo(2));
    }

    [Test]
    public async Task Production_signs_its_users_tokens_with_a_key_of_its_own_never_the_development_one()
    {
        await using var devKey = Api.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Auth:SigningKey", "development-only-signing-key-change-me-0123456789");
        });
        Assert.That(() => devKey.Server, Throws.InvalidOperationException.With.Message.Contains("signing key of its own"));

        await using var production = Api.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        // The users table is the same database: an admin of the test host adds a user, who signs in on the production host.
        await (await Api.Client("admin").PostJson("/api/users", new
        {
            id = "shengchan", displayName = "生产用户", roles = new[] { "clerk" }, jurisdiction = "510115", initialPassword = "Chushi2026",
        })).Expect(HttpStatusCode.Created);
        var signedIn = await (await production.CreateClient().PostJson("/api/account/sign-in", new { loginName = "shengchan", password = "Chushi2026" }))
            .Expect(HttpStatusCode.OK);
        var client = production.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", signedIn.Str("token"));
        var me = await (await client.GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
        Assert.That(me.Str("id"), Is.EqualTo("shengchan"));
    }

    private sealed class CookieHandler(System.Net.CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var c in set) cookies.SetCookies(request.RequestUri!, c);
            return response;
        }
    }
}
