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
/// Warm server time of each page beside the API call that returns the same data: the demo district is loaded
/// into a SQLite file by the README's `demo` command (the host's own build, run as a child process), the real
/// host serves it in memory (no network, so the figures are the server's), each person signs in with the sign-in form and
/// keeps the cookie, and each page and its API twin are fetched in turn, alternating, so both meet the same
/// warm caches and the same background noise. A page costs its API call plus the HTML around it; the ratio
/// says how much that is.
/// </summary>
internal static partial class PageTimes
{
    // The demo's people and the password it prints for them.
    private const string SupervisorLogin = "liuyang";
    private const string CitySupervisorLogin = "huangmin";
    private const string AdminLogin = "chenjing";
    private const string OfficerLogin = "zhangwei";
    private const string Password = "Demo@510115";

    public static async Task<int> RunAsync(int rounds)
    {
        var dir = Path.Combine(Path.GetTempPath(), "inspections-bench-pages", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var connection = $"Data Source={Path.Combine(dir, "bench.db")}";
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
            });
            var load = Stopwatch.StartNew();
            await LoadDemoAsync(connection, Path.Combine(dir, "evidence"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"demo district 510115 loaded by `demo` in {load.Elapsed.TotalSeconds:N1} s"));

            var supervisorApi = Client(host, await TokenAsync(host, SupervisorLogin));
            var supervisorPages = await SignedInBrowserAsync(host, SupervisorLogin);
            var cityApi = Client(host, await TokenAsync(host, CitySupervisorLogin));
            var cityPages = await SignedInBrowserAsync(host, CitySupervisorLogin);
            var adminApi = Client(host, await TokenAsync(host, AdminLogin));
            var adminPages = await SignedInBrowserAsync(host, AdminLogin);
            var officerApi = Client(host, await TokenAsync(host, OfficerLogin));
            var officerPages = await SignedInBrowserAsync(host, OfficerLogin);

            // This half-year, as the dashboard opens; the items to open are the first overdue or due-soon ones it lists.
            var half = DateTime.UtcNow.AddHours(8).Month <= 6 ? "firstHalf" : "secondHalf";
            var dashboard = JsonDocument.Parse(await supervisorApi.GetStringAsync($"/api/dashboard?period={half}")).RootElement;
            JsonElement First(string list, string type) =>
                dashboard.GetProperty("overdue").GetProperty(list).GetProperty("items").EnumerateArray()
                    .Concat(dashboard.GetProperty("dueSoon").GetProperty(list).GetProperty("items").EnumerateArray())
                    .First(i => i.GetProperty("subjectType").GetString() == type);
            var (caseId, permitId, noticeId) = (First("cases", "case").GetProperty("id").GetString(), First("applications", "permit").GetProperty("id").GetString(),
                First("notices", "notice").GetProperty("id").GetString());
            var unlicensed = First("notices", "unlicensedNotice");

            var pairs = new (string Name, HttpClient Pages, string Page, HttpClient Api, string Endpoint)[]
            {
                ("监管看板 dashboard (本半年)", supervisorPages, "/supervisor/dashboard", supervisorApi, $"/api/dashboard?period={half}"),
                ("监管看板 dashboard (本月)", supervisorPages, "/supervisor/dashboard?period=month", supervisorApi, "/api/dashboard?period=month"),
                ("市级看板 city dashboard", cityPages, "/supervisor/dashboard", cityApi, $"/api/dashboard?period={half}"),
                ("我的预警 officer home", officerPages, "/", officerApi, "/api/alerts?mine=true&limit=100"),
                ("案件 case", supervisorPages, $"/cases/{caseId}", supervisorApi, $"/api/cases/{caseId}"),
                ("许可申请 application", supervisorPages, $"/permits/{permitId}", supervisorApi, $"/api/permits/{permitId}"),
                ("检查记录 inspection", supervisorPages, $"/inspections/{noticeId}", supervisorApi, $"/api/inspections/{noticeId}"),
                ("无证场所 unlicensed venue", supervisorPages, unlicensed.GetProperty("pagePath").GetString()!, supervisorApi, unlicensed.GetProperty("apiPath").GetString()!),
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

    private static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inspections.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Inspections.sln not found above the benchmark");
    }

    /// <summary>Runs `Inspections.Api demo` (the build beside the benchmark) into the SQLite file, as the README's demo step does.</summary>
    private static async Task LoadDemoAsync(string connection, string evidence)
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet",
            [Path.Combine(bin, "Inspections.Api.dll"), "demo"])
        {
            WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Provider"] = "sqlite";
        start.Environment["Database__ConnectionString"] = connection;
        start.Environment["Evidence__Root"] = evidence;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"demo failed ({process.ExitCode}): {await output}{await error}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
