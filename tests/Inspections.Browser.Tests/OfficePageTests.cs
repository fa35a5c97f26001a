using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Inspections.Browser.Tests;

/// <summary>
/// The office ledgers page 工作台账 on the demo district, as 张伟 (officer) uses it: a register downloaded through
/// the page's own form holds what the API answers for the same filters; a survey list with one bad row is refused
/// whole with that row named, and then, with "只导入无误的行" ticked, the good rows are taken into the campaign.
/// </summary>
public sealed class OfficePageTests
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

    /// <summary>Submits a register form's request from inside the page (the browser's own session) and returns the file's bytes.</summary>
    private static byte[] Download(PageBrowser browser, string form)
    {
        var driver = (OpenQA.Selenium.IJavaScriptExecutor)browser.Driver;
        var base64 = (string?)driver.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            const form = document.querySelector(arguments[0]);
            const url = form.action + '?' + new URLSearchParams(new FormData(form));
            fetch(url).then(async r => {
                if (!r.ok || r.headers.get('content-type') !== 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') { done('status ' + r.status); return; }
                const bytes = new Uint8Array(await r.arrayBuffer());
                let s = ''; for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
                done(btoa(s));
            });
            """, form);
        Assert.That(base64, Does.Not.StartWith("status "), base64);
        return Convert.FromBase64String(base64!);
    }

    [Test]
    public async Task An_officer_downloads_a_register_and_imports_a_survey_list()
    {
        using var browser = new PageBrowser(_host);
        browser.SignIn("zhangwei", DemoLoad.Password, "/office");
        Assert.That(browser.Find("h1").Text, Is.EqualTo("工作台账"));
        Assert.Multiple(() =>
        {
            foreach (var form in new[] { "#register-venues", "#register-inspections", "#register-cases", "#register-campaign", "#register-alerts" })
                Assert.That(browser.Has(form), form);
            Assert.That(browser.Has("#register-permits"), Is.False, "the window ledger is the window's and the section head's");
            Assert.That(browser.FindAll("#half-year-reports a[href^='/api/reports/half-year?year=']"), Has.Count.EqualTo(12));
        });
        browser.Screenshots("office");

        // The venue register of internet cafés, downloaded through the page's form.
        browser.Choose("#venues-type", "internetCafe");
        var file = Download(browser, "#register-venues");
        using var stream = new MemoryStream(file);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        using var api = await ApiAsync("zhangwei");
        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = JsonDocument.Parse(await api.GetStringAsync("/api/venues?type=internetCafe&limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).RootElement;
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Multiple(() =>
        {
            Assert.That(names, Is.Not.Empty, "the demo district has internet cafés");
            Assert.That(rows.Select(r => r["场所名称"]?.ToString()), Is.EqualTo(names), "the register holds the API's rows, in its order");
            Assert.That(rows.Select(r => r["场所类型"]?.ToString()), Is.All.EqualTo("互联网上网服务营业场所"));
        });

        // A survey list with one bad row (a type the campaign does not know): nothing is taken, the row is named.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var found = today.AddDays(-1).ToString("yyyy-MM-dd");
        var csv = Path.Combine(Path.GetTempPath(), $"摸底排查表-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, string.Join("\r\n",
            "场所名称,场所类型,经营地址,经营者,所在乡镇（街道）,终端数,包房数,排查日期,排查情况",
            $"柳城路无名网吧,网吧,温江区柳城街道柳城路 18 号,周某,,30,,{found},群众举报",
            $"光华大道打印部,打印店,温江区光华大道三段 6 号,吴某,,,,{found},",
            $"南街书报亭,书报亭,温江区南街 2 号,郑某,,,,{found},") + "\r\n", new UTF8Encoding(true));
        try
        {
            var campaign = browser.Find("#Import_CampaignId").GetAttribute("value");
            browser.Find("#Import_File").SendKeys(csv);
            browser.Click("#survey-submit");
            Assert.Multiple(() =>
            {
                Assert.That(browser.Find("#survey-refused").Text, Does.Contain("未导入任何数据"));
                Assert.That(browser.FindAll("#survey-errors tbody tr").Select(r => r.GetAttribute("data-row")), Is.EqualTo(new[] { "4" }));
                Assert.That(browser.Find("#survey-errors tbody tr").Text, Does.Contain("场所类型").And.Contain("不在本次整治范围"));
            });
            browser.Screenshots("survey-refused");
            var before = JsonDocument.Parse(await api.GetStringAsync($"/api/unlicensed-campaigns/{campaign}/venues")).RootElement.GetArrayLength();

            // The good rows alone, when asked.
            browser.Find("#Import_File").SendKeys(csv);
            browser.Find("#Import_ImportValidRows").Click();
            browser.Click("#survey-submit");
            Assert.That(browser.Find("#survey-imported").Text, Does.Contain("已导入 2 处场所").And.Contain("1 行有误未导入"));
            browser.Screenshots("survey-imported");
            var after = JsonDocument.Parse(await api.GetStringAsync($"/api/unlicensed-campaigns/{campaign}/venues")).RootElement.EnumerateArray().ToList();
            Assert.That(after, Has.Count.EqualTo(before + 2));
            Assert.That(after.Select(v => v.GetProperty("venueName").GetString()), Is.SupersetOf(new[] { "柳城路无名网吧", "光华大道打印部" }));
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
