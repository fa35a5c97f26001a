using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Inspections.Api.Tests.Sweep;

/// <summary>
/// A fault under a page: the SQLite file's folder is removed under a running host, so every open fails
/// (PostgreSQL outages are the fault tests'). A page says so in Chinese on the error page; the API answers
/// its problem document, as before.
/// </summary>
public sealed class PageFaultTests() : ApiFixture("sqlite")
{
    [Test]
    public async Task A_page_whose_database_is_gone_shows_the_chinese_error_page_and_the_api_a_problem()
    {
        var dir = Path.Combine(Path.GetTempPath(), "inspections-gone", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await using var host = Api.WithWebHostBuilder(b => b.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(dir, "gone.db")}"));
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        Assert.That((await browser.GetAsync("/account/sign-in")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);

        var form = PageInputSweepTests.Forms(await browser.GetStringAsync("/account/sign-in")).Single(f => f.Fields.ContainsKey("Input.LoginName"));
        var page = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields)
        {
            ["Input.LoginName"] = "pi-admin", ["Input.Password"] = "Wenhua2026x",
        }));
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), html);
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("服务暂时不可用"));

        using var api = host.CreateClient();
        var problem = await api.PostJson("/api/account/sign-in", new { loginName = "pi-admin", password = "Wenhua2026x" });
        Assert.That(problem.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(problem.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), await problem.Content.ReadAsStringAsync());
    }
}
