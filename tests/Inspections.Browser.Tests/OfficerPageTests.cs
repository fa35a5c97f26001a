using System.Drawing;
using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;

namespace Inspections.Browser.Tests;

/// <summary>
/// The officer's day in the browser, on the demo district as `zhangwei`: today's work shows exactly what the API
/// answers for him (his due-soon and overdue deadlines, the notices whose follow-up is due, his open cases by stage);
/// the venue register searches by name, credit code and licence number, registers a venue onto its dossier, refuses
/// a licence number already registered (linking to that venue) and asks before a second venue of the same name and
/// address; a draw is made on the page and released by the section head `liuyang`. Each page is screenshot at
/// 1366, 768 and 375 px wide, and checked through the API afterwards.
/// </summary>
public sealed class OfficerPageTests
{
    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public async Task LoadTheDemo() => _host = new BrowserHost(await DemoLoad.IntoNewFolderAsync());

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private async Task<HttpClient> ApiAsync(string login)
    {
        var api = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.TokenAsync(_host, login, DemoLoad.Password));
        return api;
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path) =>
        JsonDocument.Parse(await api.GetStringAsync(path)).RootElement;

    /// <summary>Every item of a paged list.</summary>
    private static async Task<List<JsonElement>> AllAsync(HttpClient api, string path)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await GetAsync(api, path + (path.Contains('?') ? "&" : "?") + (cursor is null ? "" : "cursor=" + Uri.EscapeDataString(cursor)));
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        return items;
    }

    /// <summary>The usual screenshots (1366 and 375 wide), and the page at tablet width 768×1024, which must not be wider than the screen either.</summary>
    private static void Shots(PageBrowser browser, string name)
    {
        browser.Screenshots(name);
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", TestContext.CurrentContext.Test.MethodName ?? "test");
        browser.Viewport(768, 1024);
        var file = Path.Combine(folder, $"{name}-768x1024.png");
        ((ITakesScreenshot)browser.Driver).GetScreenshot().SaveAsFile(file);
        TestContext.AddTestAttachment(file);
        var overflow = Convert.ToInt64(browser.Script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(overflow, Is.LessThanOrEqualTo(1), $"{name} at 768px is {overflow}px wider than the screen");
        browser.Viewport(PageBrowser.Desktop.Width, PageBrowser.Desktop.Height);
    }

    private static string PathOf(string url) => new Uri(url).AbsolutePath;

    [Test]
    public async Task Todays_work_shows_what_the_api_answers_for_zhangwei()
    {
        using var api = await ApiAsync("zhangwei");
        var deadlines = await AllAsync(api, "/api/alerts/my-deadlines?limit=200");
        var cases = await AllAsync(api, "/api/cases?officerId=zhangwei&openOnly=true&limit=100");
        static bool IsNotice(JsonElement d) => d.GetProperty("subjectType").GetString() is "notice" or "unlicensedNotice";
        static string Key(JsonElement d) => $"{d.GetProperty("subjectId").GetString()}|{d.GetProperty("clock").GetString()}";

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password, returnUrl: "/officer/today");
        Assert.That(PathOf(browser.Url), Is.EqualTo("/officer/today"), browser.BodyText);
        Assert.That(browser.Find("h1").Text, Is.EqualTo("今日工作"));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        Assert.That(browser.Find("#today").GetAttribute("data-date"), Is.EqualTo(today.ToString("yyyy-MM-dd")));

        var shownDeadlines = browser.FindAll("#deadlines tbody tr").Select(r => $"{r.GetAttribute("data-subject")}|{r.GetAttribute("data-clock")}").ToList();
        var shownNotices = browser.FindAll("#rectifications tbody tr").Select(r => r.GetAttribute("data-subject")).ToList();
        var shownCases = browser.FindAll("table.stage-cases tbody tr").Select(r => r.GetAttribute("data-case")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(shownDeadlines, Is.EqualTo(deadlines.Where(d => !IsNotice(d)).Select(Key).ToList()), "his deadlines, by due date");
            Assert.That(shownNotices, Is.EqualTo(deadlines.Where(IsNotice).Select(d => d.GetProperty("subjectId").GetString()).ToList()), "notices to check");
            Assert.That(shownCases, Is.EquivalentTo(cases.Select(c => c.GetProperty("id").GetString())), "his open cases");
            Assert.That(browser.Find("#count-cases").Text, Is.EqualTo(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(deadlines.Count + cases.Count, Is.GreaterThan(0), "the demo gives him work");
        });
        // Each stage's table holds the cases of that stage, and dates read yyyy-MM-dd.
        foreach (var table in browser.FindAll("table.stage-cases"))
        {
            var stage = table.GetAttribute("data-stage");
            var ids = table.FindElements(By.CssSelector("tbody tr")).Select(r => r.GetAttribute("data-case")).ToList();
            Assert.That(ids, Is.EquivalentTo(cases.Where(c => c.GetProperty("stage").GetString() == stage).Select(c => c.GetProperty("id").GetString())), stage);
        }
        foreach (var row in browser.FindAll("#deadlines tbody tr, #rectifications tbody tr"))
            Assert.That(row.FindElements(By.CssSelector("td"))[1].Text, Does.Match(@"^\d{4}-\d{2}-\d{2}$"));
        Shots(browser, "today");
        browser.AssertNoConsoleErrors();

        // Each row leads to its item.
        var first = deadlines.FirstOrDefault(d => !IsNotice(d));
        if (first.ValueKind == JsonValueKind.Object)
        {
            browser.Click("#deadlines tbody tr:first-child a.item-link");
            Assert.That(PathOf(browser.Url), Is.EqualTo(first.GetProperty("pagePath").GetString()));
            browser.Back();
        }
        var notice = deadlines.FirstOrDefault(IsNotice);
        if (notice.ValueKind == JsonValueKind.Object)
        {
            browser.Click("#rectifications tbody tr:first-child a.item-link");
            Assert.That(PathOf(browser.Url), Is.EqualTo(notice.GetProperty("pagePath").GetString()));
            browser.Back();
        }
        if (cases.Count > 0)
        {
            var caseId = browser.Find("table.stage-cases tbody tr").GetAttribute("data-case");
            browser.Click("table.stage-cases tbody tr:first-child a.item-link");
            Assert.That(PathOf(browser.Url), Is.EqualTo($"/cases/{caseId}"));
        }
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_register_is_searched_and_a_venue_registered_refused_or_confirmed()
    {
        using var api = await ApiAsync("zhangwei");
        var venues = await AllAsync(api, "/api/venues?limit=100");
        var known = venues.First(v => v.GetProperty("licenseNumber").ValueKind == JsonValueKind.String
                                      && v.GetProperty("unifiedSocialCreditCode").ValueKind == JsonValueKind.String);
        var knownId = known.GetProperty("id").GetString()!;

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password, returnUrl: "/venues");
        Assert.That(PathOf(browser.Url), Is.EqualTo("/venues"), browser.BodyText);
        Assert.That(browser.FindAll("#venues tbody tr"), Has.Count.EqualTo(Math.Min(20, venues.Count)), "the first page");
        Shots(browser, "venues");

        // By licence number, by credit code (lower case), by part of the name.
        foreach (var search in new[] { known.GetProperty("licenseNumber").GetString()!, known.GetProperty("unifiedSocialCreditCode").GetString()!.ToLowerInvariant(),
                     known.GetProperty("name").GetString()![..2] })
        {
            browser.Type("#search", search);
            browser.Click("#filter");
            var rows = browser.FindAll("#venues tbody tr").Select(r => r.GetAttribute("data-venue")).ToList();
            var expected = (await GetAsync(api, "/api/venues?search=" + Uri.EscapeDataString(search))).GetProperty("items").EnumerateArray()
                .Select(v => v.GetProperty("id").GetString()).ToList();
            Assert.That(rows, Is.EqualTo(expected), search);
            Assert.That(rows, Does.Contain(knownId), search);
        }
        browser.Choose("#type", "bookshop");
        browser.Type("#search", "");
        browser.Click("#filter");
        var shops = browser.FindAll("#venues tbody tr [data-type]").ToList();
        Assert.That(shops.Select(t => t.GetAttribute("data-type")).Distinct(), Is.EqualTo(new[] { "bookshop" }));
        Assert.That(shops.Select(t => t.Text).Distinct(), Is.EqualTo(new[] { "出版物零售" }), "the type in Chinese");
        Shots(browser, "venues-search");

        // A new venue lands on its dossier.
        var name = "浏览器登记网吧" + Guid.NewGuid().ToString("N")[..4];
        var license = "川网文〔2026〕" + Random.Shared.Next(10000, 99999) + "号";
        browser.Click("#new-venue");
        Assert.That(PathOf(browser.Url), Is.EqualTo("/venues/new"));
        Shots(browser, "register-empty");
        void Fill(string venueName, string address, string status, string? number, string? code = null)
        {
            browser.Type("#Input_Name", venueName);
            browser.Type("#Input_Address", address);
            browser.Choose("#Input_Type", "internetCafe");
            browser.Choose("#Input_LicenseStatus", status);
            browser.Type("#Input_LicenseNumber", number ?? "");
            browser.Type("#Input_UnifiedSocialCreditCode", code ?? "");
            browser.Type("#Input_OperatorName", "王某");
            browser.Type("#Input_Terminals", "80");
        }
        Fill(name, "温江区柳城大道 300 号", "licensed", license);
        browser.Choose("#Input_Jurisdiction", "510115001");
        browser.Click("#register-submit");
        Assert.That(PathOf(browser.Url), Does.Match("^/venues/[0-9a-f-]{36}$"), browser.BodyText);
        var registeredId = PathOf(browser.Url)["/venues/".Length..];
        Assert.That(browser.Find("#item-title").Text, Does.Contain(name));
        var registered = await GetAsync(api, $"/api/venues/{registeredId}");
        Assert.Multiple(() =>
        {
            Assert.That(registered.GetProperty("name").GetString(), Is.EqualTo(name));
            Assert.That(registered.GetProperty("licenseNumber").GetString(), Is.EqualTo(license));
            Assert.That(registered.GetProperty("jurisdiction").GetString(), Is.EqualTo("510115001"));
            Assert.That(registered.GetProperty("terminals").GetInt32(), Is.EqualTo(80));
        });

        // The same licence number again, under another name: refused, with the way to the venue that has it.
        browser.Go("/venues/new");
        Fill("另一家网吧" + Guid.NewGuid().ToString("N")[..4], "温江区柳城大道 302 号", "licensed", license);
        browser.Click("#register-submit");
        Assert.That(PathOf(browser.Url), Is.EqualTo("/venues/new"));
        Assert.That(browser.Find("#duplicate-refused").Text, Does.Contain("不能重复登记").And.Contain(license).And.Contain(name));
        Assert.That(browser.Has("#confirm-duplicate"), Is.False, "a licence number in use cannot be confirmed");
        Shots(browser, "register-refused");
        browser.Click("#existing-venue");
        Assert.That(PathOf(browser.Url), Is.EqualTo($"/venues/{registeredId}"));

        // A known venue's credit code: refused too.
        browser.Go("/venues/new");
        Fill("信用代码重复网吧", "温江区柳城大道 304 号", "unlicensed", null, known.GetProperty("unifiedSocialCreditCode").GetString());
        browser.Click("#register-submit");
        Assert.That(browser.Find("#duplicate-refused").GetAttribute("data-venue"), Is.EqualTo(knownId));
        Assert.That(browser.Find("#duplicate-refused").GetAttribute("data-kind"), Is.EqualTo("unifiedSocialCreditCode"));

        // The same name and address: asked, and registered once confirmed.
        browser.Go("/venues/new");
        Fill(name, "温江区柳城大道 300 号", "unlicensed", null);
        browser.Click("#register-submit");
        Assert.That(browser.Find("#duplicate-confirm").Text, Does.Contain("已有同名同址场所，确认仍要登记？"));
        Assert.That(browser.Find("#duplicate-confirm").GetAttribute("data-venue"), Is.EqualTo(registeredId));
        Shots(browser, "register-confirm");
        browser.Click("#confirm-duplicate");
        Assert.That(PathOf(browser.Url), Does.Match("^/venues/[0-9a-f-]{36}$"), browser.BodyText);
        var secondId = PathOf(browser.Url)["/venues/".Length..];
        Assert.That(secondId, Is.Not.EqualTo(registeredId));
        Shots(browser, "dossier-registered");
        browser.AssertNoConsoleErrors();

        // Through the API: two venues of that name, the refused ones never written.
        var named = (await GetAsync(api, "/api/venues?name=" + Uri.EscapeDataString(name))).GetProperty("items").EnumerateArray()
            .Select(v => v.GetProperty("id").GetString()).ToList();
        Assert.That(named, Is.EquivalentTo(new[] { registeredId, secondId }));
        Assert.That((await GetAsync(api, "/api/venues?name=" + Uri.EscapeDataString("信用代码重复网吧"))).GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That((await GetAsync(api, "/api/venues?search=" + Uri.EscapeDataString(license))).GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_draw_is_made_on_the_page_and_released_by_the_section_head()
    {
        using var officerApi = await ApiAsync("zhangwei");
        var before = await AllAsync(officerApi, "/api/draws?limit=100");

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password, returnUrl: "/draws");
        Assert.That(PathOf(browser.Url), Is.EqualTo("/draws"), browser.BodyText);
        Assert.That(browser.FindAll("#draws tbody tr").Select(r => r.GetAttribute("data-draw")),
            Is.EqualTo(before.Take(20).Select(d => d.GetProperty("id").GetString())), "newest first, as the API lists them");
        Shots(browser, "draws");

        browser.Click("#new-draw");
        Assert.That(PathOf(browser.Url), Is.EqualTo("/draws/new"));
        // Too few officers first: the error is beside the field.
        browser.Type("#Input_Name", "浏览器网吧双随机抽查");
        browser.Choose("#Input_VenueType", "internetCafe");
        browser.Type("#Input_Count", "2");
        browser.Type("#Input_Officers", "zhangwei");
        browser.Click("#draw-submit");
        Assert.That(browser.Find("span[data-valmsg-for='Input.Officers']").Text, Does.Contain("至少两人"));
        browser.Type("#Input_Officers", "zhangwei, lina、wangqiang zhaolei");
        Shots(browser, "draw-new");
        browser.Click("#draw-submit");
        Assert.That(PathOf(browser.Url), Does.Match("^/draws/[0-9a-f-]{36}$"), browser.BodyText);
        var drawId = PathOf(browser.Url)["/draws/".Length..];
        var draw = await GetAsync(officerApi, $"/api/draws/{drawId}");
        var pairs = browser.FindAll("#assignments tbody tr").Select(r => (r.GetAttribute("data-venue"), r.FindElement(By.CssSelector("td[data-officers]")).GetAttribute("data-officers"))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pairs, Is.EqualTo(draw.GetProperty("assignments").EnumerateArray()
                .Select(a => (a.GetProperty("venueId").GetString(), $"{a.GetProperty("firstUserId").GetString()},{a.GetProperty("secondUserId").GetString()}")).ToList()));
            Assert.That(pairs, Has.Count.EqualTo(2));
            Assert.That(browser.Find("#published-state").GetAttribute("data-published"), Is.EqualTo("false"));
            Assert.That(browser.Has("#publish"), Is.False, "an officer cannot release a draw");
            Assert.That(browser.Find("#seed").Text, Is.EqualTo(draw.GetProperty("seed").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(browser.Find("#reproducible").GetAttribute("data-value"), Is.EqualTo("true"));
        });
        Shots(browser, "draw");
        browser.Click("#assignments tbody tr:first-child a.item-link");
        Assert.That(PathOf(browser.Url), Is.EqualTo($"/venues/{pairs[0].Item1}"));
        browser.Go("/draws");
        Assert.That(browser.Find("#draws tbody tr").GetAttribute("data-draw"), Is.EqualTo(drawId), "the new draw heads the list");
        browser.AssertNoConsoleErrors();
        browser.SignOut();

        // The section head releases it.
        browser.SignIn("liuyang", DemoLoad.Password, returnUrl: $"/draws/{drawId}");
        Assert.That(PathOf(browser.Url), Is.EqualTo($"/draws/{drawId}"), browser.BodyText);
        browser.Click("#publish");
        Assert.That(PathOf(browser.Url), Is.EqualTo($"/draws/{drawId}"));
        Assert.That(browser.Find("#published-state").GetAttribute("data-published"), Is.EqualTo("true"));
        Assert.That(browser.Has("#publish"), Is.False);
        Shots(browser, "draw-published");
        browser.AssertNoConsoleErrors();

        var published = await GetAsync(officerApi, $"/api/draws/{drawId}");
        Assert.That(published.GetProperty("publishedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        var listed = await AllAsync(officerApi, "/api/draws?published=true&limit=100");
        Assert.That(listed.Select(d => d.GetProperty("id").GetString()), Does.Contain(drawId));
        var open = await GetAsync(officerApi, $"/api/draws/{drawId}/public");
        Assert.That(open.GetProperty("entries").GetArrayLength(), Is.EqualTo(2));
    }
}
