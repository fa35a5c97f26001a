extern alias api;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Inspections.Benchmarks;

/// <summary>
/// Warm server time of each page beside the API call that returns the same data: half a year of a district
/// is built through the API into a SQLite file (every rule applied on the way in), the real host serves it
/// in memory (no network, so the figures are the server's), a supervisor signs in with the sign-in form and
/// keeps the cookie, and each page and its API twin are fetched in turn, alternating, so both meet the same
/// warm caches and the same background noise. A page costs its API call plus the HTML around it; the ratio
/// says how much that is.
/// </summary>
internal static partial class PageTimes
{
    private const string SupervisorLogin = "bench-liuyang";
    private const string AdminLogin = "bench-chenjing";
    private const string Initial = "Bench2026start";
    private const string Password = "Bench2026pages";

    public static async Task<int> RunAsync(int rounds)
    {
        var dir = Path.Combine(Path.GetTempPath(), "inspections-bench-pages", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var connection = $"Data Source={Path.Combine(dir, "bench.db")}";
        var clock = new Clock { Now = Local(2026, 1, 2) };
        // The host's content root is its project folder; the factory finds it through this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INSPECTIONS_API", Path.Combine(SolutionFolder(), "src", "Inspections.Api"));
        try
        {
            await using var host = new WebApplicationFactory<api::Program>().WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Testing");
                b.UseSetting("Database:Provider", "sqlite");
                b.UseSetting("Database:ConnectionString", connection);
                b.UseSetting("Hangfire:Server", "false");
                b.UseSetting("Auth:SigningKey", SigningKey);
                b.UseSetting("Logging:LogLevel:Default", "Warning");
                b.UseSetting("Evidence:Root", Path.Combine(dir, "evidence"));
                b.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
            });
            var load = Stopwatch.StartNew();
            var requests = await BuildHalfYearAsync(host, clock);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"half a year of district 510115 built with {requests:N0} API requests in {load.Elapsed.TotalSeconds:N0} s"));

            var supervisorApi = Client(host, await TokenAsync(host, SupervisorLogin));
            var supervisorPages = await SignedInBrowserAsync(host, SupervisorLogin);
            var adminApi = Client(host, await TokenAsync(host, AdminLogin));
            var adminPages = await SignedInBrowserAsync(host, AdminLogin);
            var officerApi = Client(host, await TokenAsync(host, "zhangsan"));
            var officerPages = await SignedInBrowserAsync(host, "zhangsan");

            // Items to open: the first overdue case, application and notice the dashboard lists.
            var dashboard = JsonDocument.Parse(await supervisorApi.GetStringAsync("/api/dashboard?period=firstHalf&year=2026")).RootElement;
            string First(string list) =>
                dashboard.GetProperty("overdue").GetProperty(list).GetProperty("items").EnumerateArray()
                    .Concat(dashboard.GetProperty("dueSoon").GetProperty(list).GetProperty("items").EnumerateArray())
                    .First(i => i.GetProperty("subjectType").GetString() is "case" or "permit" or "notice").GetProperty("id").GetString()!;
            var (caseId, permitId, noticeId) = (First("cases"), First("applications"), First("notices"));

            var pairs = new (string Name, HttpClient Pages, string Page, HttpClient Api, string Endpoint)[]
            {
                ("监管看板 dashboard (上半年)", supervisorPages, "/supervisor/dashboard?period=firstHalf&year=2026", supervisorApi, "/api/dashboard?period=firstHalf&year=2026"),
                ("监管看板 dashboard (本月)", supervisorPages, "/supervisor/dashboard?period=month", supervisorApi, "/api/dashboard?period=month"),
                ("我的预警 officer home", officerPages, "/", officerApi, "/api/alerts?mine=true&limit=100"),
                ("案件 case", supervisorPages, $"/cases/{caseId}", supervisorApi, $"/api/cases/{caseId}"),
                ("许可申请 application", supervisorPages, $"/permits/{permitId}", supervisorApi, $"/api/permits/{permitId}"),
                ("检查记录 inspection", supervisorPages, $"/inspections/{noticeId}", supervisorApi, $"/api/inspections/{noticeId}"),
                ("用户管理 users", adminPages, "/admin/users", adminApi, "/api/users"),
                // The frame alone: layout, session and anti-forgery around a page that sends no request.
                ("API 令牌 (frame only)", supervisorPages, "/account/api-token", supervisorApi, "/api/account/me"),
            };

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rounds} rounds per pair after {Warmup} warm-up rounds, page and API alternating; server time in ms (in-memory host, one client)"));
            Console.WriteLine($"{"",-28} {"page median",12} {"p95",8} {"API median",12} {"p95",8} {"page/API",9} {"page KB",8} {"API KB",8}");
            foreach (var (name, pages, page, api, endpoint) in pairs)
            {
                var pageBytes = 0;
                var apiBytes = 0;
                for (var i = 0; i < Warmup; i++)
                {
                    pageBytes = (await FetchAsync(pages, page)).Bytes;
                    apiBytes = (await FetchAsync(api, endpoint)).Bytes;
                }
                var pageTimes = new double[rounds];
                var apiTimes = new double[rounds];
                for (var i = 0; i < rounds; i++)
                {
                    // Alternate which goes first, so neither always meets the other's leftovers.
                    if (i % 2 == 0)
                    {
                        pageTimes[i] = (await FetchAsync(pages, page)).Ms;
                        apiTimes[i] = (await FetchAsync(api, endpoint)).Ms;
                    }
                    else
                    {
                        apiTimes[i] = (await FetchAsync(api, endpoint)).Ms;
                        pageTimes[i] = (await FetchAsync(pages, page)).Ms;
                    }
                }
                var (pm, p95) = (Percentile(pageTimes, 0.5), Percentile(pageTimes, 0.95));
                var (am, a95) = (Percentile(apiTimes, 0.5), Percentile(apiTimes, 0.95));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-28} {pm,12:N2} {p95,8:N2} {am,12:N2} {a95,8:N2} {pm / am,8:N2}x {pageBytes / 1024.0,8:N1} {apiBytes / 1024.0,8:N1}"));
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    // Enough for tiered JIT to recompile the hot paths (it waits ~100 ms, then works in the background).
    private const int Warmup = 100;

    private const string SigningKey = "benchmark-signing-key-long-enough-0123456789";

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static async Task<(double Ms, int Bytes)> FetchAsync(HttpClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(400, body.Length)]}");
        return (watch.Elapsed.TotalMilliseconds, body.Length);
    }

    private static HttpClient Client(WebApplicationFactory<api::Program> host, string? token)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = token is null });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task CreateUserAsync(WebApplicationFactory<api::Program> host, HttpClient admin, string id, string name, string role,
        string? credential = null)
    {
        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            id, displayName = name, roles = new[] { role }, jurisdiction = "510115", credentialNumber = credential, initialPassword = Initial,
        });
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException(await created.Content.ReadAsStringAsync());
        var self = Client(host, await TokenAsync(host, id, Initial));
        var changed = await self.PostAsJsonAsync("/api/account/password", new { currentPassword = Initial, newPassword = Password });
        if (!changed.IsSuccessStatusCode) throw new InvalidOperationException(await changed.Content.ReadAsStringAsync());
    }

    private static async Task<string> TokenAsync(WebApplicationFactory<api::Program> host, string login, string password = Password)
    {
        var client = Client(host, null);
        var response = await client.PostAsJsonAsync("/api/account/sign-in", new { loginName = login, password });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(text);
        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Signs in through the sign-in form, as a browser does: its anti-forgery token and cookie, then the session cookie.</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(WebApplicationFactory<api::Program> host, string login)
    {
        var browser = Client(host, null);
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var form = await browser.GetStringAsync("/account/sign-in");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.LoginName"] = login, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"signing in answered {(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        return browser;
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour = 10) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inspections.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Inspections.sln not found above the benchmark");
    }

    private static readonly string[] CafeItems = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];
    private static readonly string[] ToClosed = ["investigation", "legalReview", "priorNotice", "decided", "served", "executed", "closed"];
    private static readonly string[] AudioVideoMaterials = ["application", "business-licence", "representative-id", "premises"];
    private const string CreditCode = "91350100M000100Y43";

    /// <summary>
    /// Half of 2026 in district 510115, day by day on the host's clock: its people, 60 internet cafés, an inspection
    /// most days (every fourth with a rectification notice), a case every third day (every other one carried to its
    /// close), an application every fourth day (every other one completed); read on 2026-07-10. Returns the requests sent.
    /// </summary>
    private static async Task<int> BuildHalfYearAsync(WebApplicationFactory<api::Program> host, Clock clock)
    {
        var sent = 0;
        async Task<JsonElement> Send(HttpClient client, string url, object body, HttpStatusCode expected)
        {
            sent++;
            var response = await client.PostAsJsonAsync(url, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected) throw new InvalidOperationException($"POST {url} answered {(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement;
        }
        HttpClient As(string role, string user, string name, string? credential = null)
        {
            var client = Client(host, null);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                host.Services.GetRequiredService<api::Inspections.Api.Auth.TokenIssuer>().Mint(user, name, role, "510115", credential));
            return client;
        }

        var admin = As("admin", "bench-admin", "测速管理员");
        await CreateUserAsync(host, admin, SupervisorLogin, "刘洋（测速）", "supervisor");
        await CreateUserAsync(host, admin, AdminLogin, "陈静（测速）", "admin");
        await CreateUserAsync(host, admin, "zhangsan", "张三", "officer", "51011500123");
        await CreateUserAsync(host, admin, "lisi", "李四", "officer", "51011500124");
        await CreateUserAsync(host, admin, "jia", "甲窗口", "clerk");
        sent += 10;
        var officer = As("officer", "zhangsan", "张三", "51011500123");
        var supervisor = As("supervisor", SupervisorLogin, "刘洋（测速）");
        var clerk = As("clerk", "jia", "甲窗口");

        clock.Now = Local(2026, 1, 5);
        var cafes = new List<string>();
        for (var i = 0; i < 60; i++)
            cafes.Add((await Send(officer, "/api/venues", new Dictionary<string, object?>
            {
                ["name"] = $"星空网吧{i + 1}号店", ["address"] = $"柳城大道 {i + 1} 号", ["type"] = "internetCafe",
                ["licenseStatus"] = "licensed", ["licenseNumber"] = $"川网文 0115-{i + 1:000}",
            }, HttpStatusCode.Created)).GetProperty("id").GetString()!);

        for (var day = 0; day < 180; day++)
        {
            var today = new DateOnly(2026, 1, 5).AddDays(day);
            clock.Now = Local(today.Year, today.Month, today.Day, 15);
            var start = clock.Now.AddHours(-1);
            var notice = day % 4 == 0;
            await Send(officer, "/api/inspections", new Dictionary<string, object?>
            {
                ["venueId"] = cafes[day % cafes.Count], ["kind"] = day % 5 == 0 ? "complaint" : "routine",
                ["startedAt"] = start, ["endedAt"] = start.AddMinutes(40),
                ["officers"] = new[]
                {
                    new { userId = "zhangsan", name = "张三", credentialNumber = "51011500123" },
                    new { userId = "lisi", name = "李四", credentialNumber = "51011500124" },
                },
                ["results"] = CafeItems.Select(c => new Dictionary<string, object?>
                {
                    ["itemCode"] = c, ["result"] = notice && c == "IC-MINOR" ? "violation" : "compliant",
                    ["note"] = notice && c == "IC-MINOR" ? "发现未成年人上网" : null,
                }).ToList(),
                ["outcome"] = notice ? "rectificationNotice" : "compliant",
                ["rectification"] = notice ? new { limitDays = 15, requirements = "清退未成年人，悬挂禁止未成年人进入标志" } : null,
            }, HttpStatusCode.Created);

            if (day % 3 == 0)
            {
                var c = await Send(officer, "/api/cases", new
                {
                    source = "complaint",
                    party = new { kind = "company", name = $"星空网吧{day % cafes.Count + 1}号店经营者", unifiedSocialCreditCode = CreditCode, address = "温江区柳城大道" },
                    violationCode = "cafe-minors-admitted", facts = "检查发现该网吧接纳未成年人上网。", occurredOn = today.ToString("yyyy-MM-dd"),
                }, HttpStatusCode.Created);
                var path = day % 6 == 0 ? ["filed", .. ToClosed] : new[] { "filed" };
                foreach (var to in path)
                {
                    var body = new Dictionary<string, object?>
                    {
                        ["to"] = to, ["version"] = c.GetProperty("version").GetInt64(), ["note"] = "办理",
                        ["priorNotice"] = new { noticeOn = today.ToString("yyyy-MM-dd"), rightsWaived = true },
                        ["decision"] = new { warning = true, fineAmount = 5000m },
                        ["service"] = new { method = "直接送达" },
                        ["execution"] = new { finePaidOn = today.ToString("yyyy-MM-dd"), finePaidAmount = 5000m },
                    };
                    c = await Send(supervisor, $"/api/cases/{c.GetProperty("id").GetString()}/transitions", body, HttpStatusCode.OK);
                }
            }

            if (day % 4 == 1)
            {
                var p = await Send(clerk, "/api/permits", new
                {
                    itemCode = "audio-video-retail", kind = "establish",
                    applicant = new { name = $"成都第{day}文化有限公司", unifiedSocialCreditCode = CreditCode, phone = "028-82711234" },
                    materials = AudioVideoMaterials,
                }, HttpStatusCode.Created);
                p = await Send(clerk, $"/api/permits/{p.GetProperty("id").GetString()}/transitions",
                    new { to = "accepted", version = p.GetProperty("version").GetInt64() }, HttpStatusCode.OK);
                if (day % 8 == 1)
                {
                    p = await Send(clerk, $"/api/permits/{p.GetProperty("id").GetString()}/transitions",
                        new { to = "approved", version = p.GetProperty("version").GetInt64() }, HttpStatusCode.OK);
                    await Send(clerk, $"/api/permits/{p.GetProperty("id").GetString()}/transitions",
                        new { to = "completed", version = p.GetProperty("version").GetInt64(), certificateNumber = $"川音零 0115-{day:000}" }, HttpStatusCode.OK);
                }
            }
        }
        clock.Now = Local(2026, 7, 10);
        var scan = await admin.PostAsync("/api/alerts/scan", null);
        if (!scan.IsSuccessStatusCode) throw new InvalidOperationException(await scan.Content.ReadAsStringAsync());
        return sent + 1;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
