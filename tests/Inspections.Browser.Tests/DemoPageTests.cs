using System.Text.Json;
using OpenQA.Selenium;

namespace Inspections.Browser.Tests;

/// <summary>
/// What the README promises a newcomer: load the demo district with the `demo` command, start the system,
/// sign in as one of the demo's people and see their home — the supervisor this half-year's dashboard with
/// the figures the API answers for the same period, each overdue row leading to its item.
/// </summary>
public sealed class DemoPageTests
{
    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public async Task LoadTheDemo() => _host = new BrowserHost(await DemoLoad.IntoNewFolderAsync());

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    /// <summary>This half-year by the Beijing date, as the page's default names it.</summary>
    private static (string Wire, string From, string To) ThisHalf()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        return today.Month <= 6
            ? ("firstHalf", $"{today.Year}-01-01", $"{today.Year}-06-30")
            : ("secondHalf", $"{today.Year}-07-01", $"{today.Year}-12-31");
    }

    private async Task<HttpClient> ApiAsync(string login)
    {
        var api = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.TokenAsync(_host, login, DemoLoad.Password));
        return api;
    }

    [TestCase("zhangwei", "/", "我的预警")]
    [TestCase("wangfang", "/", "我的预警")]
    [TestCase("xuming", "/", "我的预警")]
    [TestCase("chenjing", "/admin/users", "用户管理")]
    [TestCase("huangmin", "/supervisor/dashboard", "监管看板")]
    public async Task Each_demo_person_signs_in_with_the_printed_password_to_their_home(string login, string home, string heading)
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn(login, DemoLoad.Password);
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo(home), browser.BodyText);
        Assert.That(browser.Find("h1").Text, Does.StartWith(heading));
        using var api = await ApiAsync(login);
        if (home == "/")
        {
            // The alerts they answer for, as many as the API lists for them.
            var mine = JsonDocument.Parse(await api.GetStringAsync("/api/alerts?mine=true&limit=100")).RootElement.GetProperty("items").GetArrayLength();
            Assert.That(browser.FindAll("#alerts tbody tr"), Has.Count.EqualTo(mine));
        }
        if (home == "/admin/users")
        {
            var users = JsonDocument.Parse(await api.GetStringAsync("/api/users")).RootElement.GetProperty("items").GetArrayLength();
            Assert.That(users, Is.GreaterThanOrEqualTo(10), "the district's people and its station's");
            Assert.That(browser.FindAll("#users tbody tr"), Has.Count.EqualTo(users));
        }
        browser.Screenshots("home-" + login);
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_supervisor_signs_in_and_sees_this_half_years_dashboard_with_the_apis_figures()
    {
        using var browser = new PageBrowser(_host);
        // As a newcomer does: open the address, get the sign-in page, sign in.
        browser.Go("/");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/account/sign-in"));
        browser.Type("#Input_LoginName", "liuyang");
        browser.Type("#Input_Password", DemoLoad.Password);
        browser.Click("#sign-in-submit");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/supervisor/dashboard"), browser.BodyText);

        var (wire, from, to) = ThisHalf();
        Assert.That(browser.Find("#period").GetAttribute("value"), Is.EqualTo(wire), "this half-year unless another is chosen");
        Assert.That(browser.Find("#period-label").GetAttribute("data-from"), Is.EqualTo(from));
        Assert.That(browser.Find("#period-label").GetAttribute("data-to"), Is.EqualTo(to));
        using var api = await ApiAsync("liuyang");
        var dashboard = JsonDocument.Parse(await api.GetStringAsync($"/api/dashboard?period={wire}")).RootElement;
        DashboardFigures.AssertTilesMatch(browser, dashboard);
        DashboardFigures.AssertChartsMatch(browser, dashboard);
        // The demo district is busy: cases filed, inspections made, work overdue.
        Assert.Multiple(() =>
        {
            Assert.That(dashboard.GetProperty("cases").GetProperty("filed").GetInt32(), Is.GreaterThan(0), "cases filed this half");
            Assert.That(dashboard.GetProperty("inspections").GetProperty("total").GetInt32(), Is.GreaterThan(0), "inspections this half");
            Assert.That(DashboardFigures.Total(dashboard.GetProperty("overdue")), Is.GreaterThan(0), "overdue work");
        });
        Assert.That(browser.Find("#work-summary").Text, Does.Contain("温江区").Or.Contain("办结"));
        browser.Screenshots("dashboard-demo");

        // Each kind of overdue row leads to its item.
        foreach (var (list, path) in new[] { ("cases", "/cases/"), ("applications", "/permits/") })
        {
            var items = dashboard.GetProperty("overdue").GetProperty(list).GetProperty("items");
            if (items.GetArrayLength() == 0) continue;
            var first = items[0];
            var row = browser.Find($"#overdue-{list} tbody tr");
            Assert.That(row.GetAttribute("data-id"), Is.EqualTo(first.GetProperty("id").GetString()));
            Assert.That(row.FindElement(By.CssSelector("[data-responsible]")).Text, Is.Not.EqualTo("—"), "the responsible person is named");
            browser.Click($"#overdue-{list} tbody tr:first-child a.item-link");
            Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo(path + first.GetProperty("id").GetString()));
            Assert.That(browser.BodyText, Does.Contain("已超期"));
            if (list == "cases") Assert.That(browser.BodyText, Does.Contain("案件来源："), "the lead's source in Chinese");
            browser.Screenshots("demo-" + list);
            browser.Back();
        }
        Assert.That(dashboard.GetProperty("overdue").GetProperty("applications").GetProperty("items").GetArrayLength()
            + dashboard.GetProperty("overdue").GetProperty("cases").GetProperty("items").GetArrayLength(), Is.GreaterThan(0));
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_city_supervisor_sees_the_demo_district_beside_the_others()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("huangmin", DemoLoad.Password);
        var (wire, _, _) = ThisHalf();
        using var api = await ApiAsync("huangmin");
        var dashboard = JsonDocument.Parse(await api.GetStringAsync($"/api/dashboard?period={wire}")).RootElement;
        DashboardFigures.AssertTilesMatch(browser, dashboard);
        var wenjiang = dashboard.GetProperty("districts").EnumerateArray().Single(d => d.GetProperty("jurisdiction").GetString() == "510115");
        var row = browser.Find("#districts tr[data-district='510115']");
        Assert.That(row.Text, Does.Contain("温江区"));
        Assert.That(row.FindElement(By.CssSelector("td[data-value]")).GetAttribute("data-value"), Is.EqualTo(DashboardFigures.Raw(wenjiang.GetProperty("closureRate"))));
        browser.Screenshots("dashboard-city-demo");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task An_officer_opens_a_venues_dossier_from_an_inspection_and_sees_its_whole_history()
    {
        using var api = await ApiAsync("zhangwei");
        // A venue the demo inspected and served a notice on that is still open.
        var alerts = JsonDocument.Parse(await api.GetStringAsync("/api/alerts?mine=true&limit=100")).RootElement.GetProperty("items");
        var notice = alerts.EnumerateArray().First(a => a.GetProperty("subjectType").GetString() == "notice").GetProperty("subjectId").GetString();
        var inspection = JsonDocument.Parse(await api.GetStringAsync($"/api/inspections/{notice}")).RootElement;
        var venueId = inspection.GetProperty("venueId").GetString();
        var history = JsonDocument.Parse(await api.GetStringAsync($"/api/inspections?venueId={venueId}&limit=100")).RootElement.GetProperty("items");
        var cases = JsonDocument.Parse(await api.GetStringAsync($"/api/cases?venueId={venueId}&limit=100")).RootElement.GetProperty("items");
        var openCases = JsonDocument.Parse(await api.GetStringAsync($"/api/cases?venueId={venueId}&openOnly=true&limit=100")).RootElement.GetProperty("items");
        var notices = history.EnumerateArray().Where(i => i.GetProperty("rectificationDueOn").ValueKind != JsonValueKind.Null).ToList();
        var openNotices = 0;
        foreach (var n in notices)
        {
            var detail = JsonDocument.Parse(await api.GetStringAsync($"/api/inspections/{n.GetProperty("id").GetString()}")).RootElement;
            if (detail.GetProperty("rectificationCheckedOn").ValueKind == JsonValueKind.Null) openNotices++;
        }

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password, returnUrl: $"/inspections/{notice}");
        browser.Click("#venue-dossier");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/venues/{venueId}"));
        Assert.That(browser.Find("#item-title").Text, Does.Contain(inspection.GetProperty("venueName").GetString()));
        Assert.Multiple(() =>
        {
            Assert.That(browser.FindAll("#timeline tr[data-kind='检查']"), Has.Count.EqualTo(history.GetArrayLength()), "every inspection");
            Assert.That(browser.FindAll("#timeline tr[data-kind='整改通知']"), Has.Count.EqualTo(notices.Count), "every notice");
            Assert.That(browser.FindAll("#timeline tr[data-kind='案件']"), Has.Count.EqualTo(cases.GetArrayLength()), "every case");
            Assert.That(browser.Find("#open-notices").GetAttribute("data-value"), Is.EqualTo(openNotices.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(openNotices, Is.GreaterThan(0), "the notice the alert is about is open");
            Assert.That(browser.Find("#open-cases").GetAttribute("data-value"), Is.EqualTo(openCases.GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
        var venueAlerts = JsonDocument.Parse(await api.GetStringAsync($"/api/venues/{venueId}/history")).RootElement.GetProperty("alerts");
        Assert.That(venueAlerts.EnumerateArray().Select(a => a.GetProperty("subjectId").GetString()), Does.Contain(notice), "the notice's alert is the venue's");
        Assert.That(browser.FindAll("#venue-alerts tr[data-alert]").Select(r => r.GetAttribute("data-alert")),
            Is.EquivalentTo(venueAlerts.EnumerateArray().Select(a => a.GetProperty("id").GetString())), "every alert on the venue's records");
        browser.Screenshots("dossier");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_licensed_former_unlicensed_venues_dossier_shows_its_campaign_entry_and_permit_application()
    {
        using var api = await ApiAsync("zhangwei");
        // The demo's unlicensed campaign licensed some venues it found: each has a campaign entry and an application.
        var campaigns = JsonDocument.Parse(await api.GetStringAsync("/api/unlicensed-campaigns")).RootElement;
        var licensed = new List<JsonElement>();
        foreach (var c in campaigns.EnumerateArray())
            licensed.AddRange(JsonDocument.Parse(await api.GetStringAsync($"/api/unlicensed-campaigns/{c.GetProperty("id").GetString()}/venues")).RootElement
                .EnumerateArray().Where(v => v.GetProperty("outcome").GetString() == "licensed"));
        Assert.That(licensed, Is.Not.Empty, "the demo licenses venues its campaign found");
        var entry = licensed[0];
        var venueId = entry.GetProperty("venueId").GetString();
        var history = JsonDocument.Parse(await api.GetStringAsync($"/api/venues/{venueId}/history")).RootElement;
        var permits = history.GetProperty("permits");
        Assert.That(permits.EnumerateArray().Select(p => p.GetProperty("id").GetString()),
            Does.Contain(entry.GetProperty("permitApplicationId").GetString()), "the application the outcome names");

        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password, returnUrl: $"/venues/{venueId}");
        Assert.Multiple(() =>
        {
            Assert.That(browser.FindAll("#timeline tr[data-kind='行政许可']"), Has.Count.EqualTo(permits.GetArrayLength()), "every application");
            Assert.That(browser.FindAll("#timeline tr[data-kind='无证整治']"), Has.Count.EqualTo(history.GetProperty("campaignEntries").GetArrayLength()), "every campaign entry");
            Assert.That(browser.Find("#timeline tr[data-kind='无证整治']").Text, Does.Contain("已办证"));
            Assert.That(browser.Find("#timeline tr[data-kind='行政许可']").Text, Does.Contain(permits[0].GetProperty("itemName").GetString()));
            // An officer may not open an application (GetPermit is the window's), so the row names it without a link.
            Assert.That(browser.FindAll("#timeline tr[data-kind='行政许可'] a"), Is.Empty);
        });
        browser.Click("#timeline tr[data-kind='无证整治'] a");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/unlicensed-campaigns/{entry.GetProperty("campaignId").GetString()}/venues/{entry.GetProperty("id").GetString()}"));
        browser.Go($"/venues/{venueId}");
        browser.Screenshots("dossier-licensed");
        browser.AssertNoConsoleErrors();
    }
}
