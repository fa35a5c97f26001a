using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;

namespace Inspections.Browser.Tests;

/// <summary>
/// The supervisor's dashboard on the first half of 2026 built through the API (<see cref="DistrictData"/>):
/// the page shows the figures GET /api/dashboard answers for the same period, links each overdue row to
/// its item, switches periods without a reload, and copies the work summary.
/// </summary>
public sealed class DashboardPageTests
{
    private BrowserHost _host = null!;
    private DistrictData _data = null!;

    [OneTimeSetUp]
    public async Task BuildTheHalfYear()
    {
        _host = new BrowserHost();
        _data = new DistrictData(_host);
        await _data.BuildAsync();
        await Accounts.CreateAsync(_host, "chenju", "陈局长", "supervisor", DistrictData.City);
        await Accounts.CreateAsync(_host, "wangke", "王科长", "supervisor", DistrictData.District);
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    /// <summary>The dashboard as the API answers it to the same person for the same query.</summary>
    private async Task<JsonElement> ApiAsync(string login, string query)
    {
        using var api = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.TokenAsync(_host, login, Accounts.Password));
        return JsonDocument.Parse(await api.GetStringAsync("/api/dashboard?" + query)).RootElement;
    }

    [Test]
    public async Task A_city_supervisor_sees_the_apis_figures_with_each_district_side_by_side()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("chenju", Accounts.Password, returnUrl: "/supervisor/dashboard?period=上半年&year=2026");
        var api = await ApiAsync("chenju", "period=firstHalf&year=2026");
        Assert.That(browser.Has("#period"), Is.True, browser.BodyText);
        Assert.That(browser.Find("#period").GetAttribute("value"), Is.EqualTo("firstHalf"), "a link may name the period in Chinese");
        DashboardFigures.AssertTilesMatch(browser, api);
        // The hand count of the half year (see DistrictData): 7 cases filed in the city, 4 closed.
        Assert.That(browser.Find("#tile-filed").Text, Is.EqualTo("7"));

        var districts = api.GetProperty("districts").EnumerateArray().ToList();
        Assert.That(districts, Has.Count.EqualTo(2));
        foreach (var d in districts)
        {
            var row = browser.Find($"#districts tr[data-district='{d.GetProperty("jurisdiction").GetString()}']");
            Assert.That(row.FindElement(By.CssSelector("td[data-value]")).GetAttribute("data-value"), Is.EqualTo(DashboardFigures.Raw(d.GetProperty("closureRate"))));
            // Named from the jurisdiction tree, as people know them.
            Assert.That(row.Text, Does.Contain(d.GetProperty("jurisdiction").GetString() == DistrictData.District ? "温江区" : "锦江区"));
        }
        // Each chart drew on its canvas from the data embedded in the page.
        foreach (var chart in new[] { "chart-trend", "chart-districts", "chart-intake", "chart-inspection-kinds", "chart-venues", "chart-campaigns" })
            Assert.That(browser.Has($"#{chart} canvas"), Is.True, chart);
        browser.Screenshots("dashboard-city");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_district_supervisor_follows_an_overdue_row_to_the_item()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("wangke", Accounts.Password, returnUrl: "/supervisor/dashboard?period=firstHalf&year=2026");
        DashboardFigures.AssertTilesMatch(browser, await ApiAsync("wangke", "period=firstHalf&year=2026"));
        browser.Screenshots("dashboard-district");

        var caseRow = browser.Find("#overdue-cases tbody tr");
        Assert.That(caseRow.GetAttribute("data-id"), Is.EqualTo(_data.CaseB));
        Assert.That(caseRow.FindElement(By.CssSelector("[data-responsible]")).Text, Is.Not.EqualTo("—"), "the responsible person is named");
        browser.Click("#overdue-cases tbody tr:first-child a.item-link");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/cases/{_data.CaseB}"));
        Assert.That(browser.Find("#item-title").GetAttribute("data-id"), Is.EqualTo(_data.CaseB));
        Assert.That(browser.BodyText, Does.Contain("已超期"));
        browser.Screenshots("case");
        browser.Back();

        browser.Click("#overdue-applications a.item-link");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/permits/{_data.P3}"));
        Assert.That(browser.Find("#permit-responsible").Text, Is.EqualTo("甲窗口"));
        browser.Screenshots("permit");
        browser.Back();

        browser.Click($"#overdue-notices tr[data-id='{_data.NoticeOld}'] a.item-link");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/inspections/{_data.NoticeOld}"));
        Assert.That(browser.Find("#rectification").Text, Does.Contain("2026-03-18"));
        browser.Screenshots("inspection");
        browser.Back();

        browser.Click("#overdue-notices tr[data-subject='unlicensedNotice'] a.item-link");
        Assert.That(new Uri(browser.Url).AbsolutePath, Does.StartWith("/unlicensed-campaigns/").And.Contains("/venues/"));
        Assert.That(browser.Find("#item-title").Text, Does.Contain("无名黑网吧"));
        Assert.That(browser.Find("#notice").Text, Does.Contain("2026-03-05"));
        browser.Screenshots("unlicensed-venue");
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task Another_period_replaces_the_figures_without_a_reload_and_the_address_can_be_shared()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("wangke", Accounts.Password, returnUrl: "/supervisor/dashboard?period=firstHalf&year=2026");
        // A marker on the window survives an htmx swap and dies with a full reload.
        browser.Script("window.__noReload = true;");
        browser.Choose("#period", "year");
        browser.Find("#show-period").Click();
        browser.WaitUntil(d => new Uri(d.Url).Query.Contains("period=year", StringComparison.Ordinal), "the address to name the year");
        browser.WaitUntil(_ => browser.Find("#period-label").GetAttribute("data-to") == "2026-12-31", "the year's figures");
        Assert.That(browser.Script("return window.__noReload === true;"), Is.EqualTo(true), "swapped in place, not reloaded");
        DashboardFigures.AssertTilesMatch(browser, await ApiAsync("wangke", "period=year&year=2026"));
        Assert.That(browser.Has("#chart-trend canvas"), Is.True, "charts drawn again after the swap");

        // The address it shows opens the same figures for whoever follows it.
        var shared = new Uri(browser.Url).PathAndQuery;
        browser.Go(shared);
        DashboardFigures.AssertTilesMatch(browser, await ApiAsync("wangke", "period=year&year=2026"));

        // A custom period the other way round: the request's own message, in Chinese, beside the dates.
        browser.Choose("#period", "custom");
        Assert.That(browser.Find("#from").Displayed, Is.True, "the dates show for a custom period");
        browser.Script("document.getElementById('from').value = '2026-06-30'; document.getElementById('to').value = '2026-01-01';");
        browser.Find("#show-period").Click();
        browser.WaitUntil(_ => browser.FindAll(".period-form .field-error, .period-form .errors li").Any(e => e.Text.Length > 0), "a field error");
        var errors = string.Join(" ", browser.FindAll(".period-form .field-error, .period-form .errors li").Select(e => e.Text));
        Assert.That(errors, Does.Match("[\u4e00-\u9fff]"), "in Chinese");
        Assert.That(browser.Has("#tile-closure-rate"), Is.False, "no figures for a period that is not one");
        browser.Screenshots("dashboard-custom-error");

        browser.Script("document.getElementById('from').value = '2026-03-01'; document.getElementById('to').value = '2026-03-31';");
        browser.Find("#show-period").Click();
        browser.WaitUntil(_ => browser.Has("#period-label") && browser.Find("#period-label").GetAttribute("data-from") == "2026-03-01", "March");
        DashboardFigures.AssertTilesMatch(browser, await ApiAsync("wangke", "period=custom&from=2026-03-01&to=2026-03-31"));
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public async Task An_officer_sees_the_alerts_they_answer_for_and_opens_the_inspection()
    {
        var scan = await _host.Api("admin", DistrictData.District).PostAsync("/api/alerts/scan", null);
        Assert.That(scan.IsSuccessStatusCode, Is.True, await scan.Content.ReadAsStringAsync());
        using var browser = new PageBrowser(_host);
        browser.SignIn(Users.ZhangSan, Accounts.Password);
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/"));
        var rows = browser.FindAll("#alerts tbody tr").ToList();
        Assert.That(rows.Select(r => r.Text), Has.Some.Contain("星空网吧").And.Some.Contain("飞跃网吧"), "both notices zhangsan issued");
        Assert.That(rows[0].Text, Does.Contain("已超期"), "the oldest first");
        browser.Screenshots("officer-home");
        browser.Click("#alerts tbody tr:first-child a");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo($"/inspections/{_data.NoticeOld}"));
        browser.AssertNoConsoleErrors();
    }

    [Test]
    public void The_work_summary_is_copied_with_one_click()
    {
        using var browser = new PageBrowser(_host);
        browser.Driver.ExecuteCdpCommand("Browser.grantPermissions", new Dictionary<string, object?>
        {
            ["origin"] = _host.BaseUrl, ["permissions"] = new[] { "clipboardReadWrite", "clipboardSanitizedWrite" },
        });
        browser.SignIn("wangke", Accounts.Password, returnUrl: "/supervisor/dashboard?period=firstHalf&year=2026");
        browser.Find("#copy-summary").Click();
        browser.WaitUntil(_ => browser.Find("#work-summary-state").Text.Length > 0, "the copy to be confirmed");
        Assert.That(browser.Find("#work-summary-state").Text, Is.EqualTo("已复制"));
        var copied = browser.Script("return navigator.clipboard.readText();") as string;
        Assert.That(copied, Is.EqualTo(browser.Find("#work-summary").Text));
        browser.AssertNoConsoleErrors();
    }
}
