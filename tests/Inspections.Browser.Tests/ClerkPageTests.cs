using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using OpenQA.Selenium;

namespace Inspections.Browser.Tests;

/// <summary>
/// The permit window's day in the browser, on the demo district loaded as of Thursday 2026-09-24 (the eve of the
/// Mid-Autumn holiday), with the application's clock moved through National Day 2026 (10-01..10-07, Saturday 10-10
/// worked): 王芳 receives an application with two materials missing, asks for them once, accepts them, passes the
/// file on and completes it with the licence number; the countdown counts working days, not the calendar's.
/// </summary>
public sealed class ClerkPageTests
{
    private const string Clerk = "wangfang";
    private static readonly DateOnly StoryEnds = new(2026, 9, 24);
    private BrowserHost _host = null!;

    [OneTimeSetUp]
    public async Task LoadTheDemo() => _host = new BrowserHost(await DemoLoad.IntoNewFolderAsync(StoryEnds));

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    /// <summary>The application's clock at a Beijing wall-clock time.</summary>
    private void At(int month, int day, int hour = 10) =>
        _host.Clock.Now = new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Opens a page, signing in again when the session ran out while the clock moved on by days.</summary>
    private static void Open(PageBrowser browser, string path)
    {
        browser.Go(path);
        if (new Uri(browser.Url).AbsolutePath == "/account/sign-in")
        {
            browser.Type("#Input_LoginName", Clerk);
            browser.Type("#Input_Password", DemoLoad.Password);
            browser.Click("#sign-in-submit");
        }
        Assert.That(new Uri(browser.Url).PathAndQuery, Is.EqualTo(path), browser.BodyText);
    }

    private async Task<HttpClient> ApiAsync(string login)
    {
        var api = new HttpClient { BaseAddress = new Uri(_host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await Accounts.TokenAsync(_host, login, DemoLoad.Password));
        return api;
    }

    private static string Countdown(PageBrowser browser, string clock) =>
        browser.Find($"#clocks [data-clock='{clock}'] [data-countdown]").Text;

    private static string Due(PageBrowser browser, string clock) =>
        browser.Find($"#clocks [data-clock='{clock}']").GetAttribute("data-due")!;

    [Test, Order(1)]
    public async Task A_clerk_takes_an_application_from_receipt_through_correction_and_acceptance_to_completion_across_national_day()
    {
        using var api = await ApiAsync(Clerk);
        var venue = JsonDocument.Parse(await api.GetStringAsync("/api/venues?limit=1")).RootElement.GetProperty("items")[0];
        var venueName = venue.GetProperty("name").GetString()!;
        var applicant = "温江悦听音像店" + Guid.NewGuid().ToString("N")[..4];
        using var browser = new PageBrowser(_host);

        // Monday 09-28, the first working day after the Mid-Autumn holiday: 受理登记.
        At(9, 28, 9);
        browser.SignIn(Clerk, DemoLoad.Password, returnUrl: "/window/receive");
        Assert.That(new Uri(browser.Url).AbsolutePath, Is.EqualTo("/window/receive"), browser.BodyText);
        Assert.That(browser.Find("#first-inquiry").Text, Is.EqualTo("王芳"), "the first-inquiry clerk is the one signed in");
        Assert.That(browser.Has("[name='Input.ResponsibleId']") || browser.Has("[name*='Responsible']"), Is.False, "never a field");
        browser.Choose("#item", "audio-video-retail");
        browser.Type("#venue", venueName[..Math.Min(4, venueName.Length)]);
        browser.Click("#choose");
        Assert.That(browser.FindAll("#materials input[type=checkbox]"), Has.Count.EqualTo(4), "the item's materials list");
        browser.Find($"#venue-{venue.GetProperty("id").GetString()}").Click();
        browser.Choose("#Input_Kind", "establish");
        browser.Type("#Input_ApplicantName", applicant);
        browser.Type("#Input_Phone", "028-82711234");
        browser.Find("#material-application").Click();
        browser.Find("#material-business-licence").Click();
        browser.Screenshots("receive");
        browser.Click("#receive");

        Assert.That(new Uri(browser.Url).AbsolutePath, Does.StartWith("/permits/"), browser.BodyText);
        var id = browser.Find("#item-title").GetAttribute("data-id")!;
        Assert.Multiple(() =>
        {
            Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("收件"));
            Assert.That(browser.Find("#permit-responsible").Text, Is.EqualTo("王芳"));
            Assert.That(browser.Find("#notice").Text, Does.Contain("尚缺 2 项材料"));
            // Five working days from Monday 09-28: 09-29, 09-30, then National Day, 10-08, 10-09 and Saturday 10-10 (worked).
            Assert.That(Due(browser, "补正告知期限"), Is.EqualTo("2026-10-10"));
            Assert.That(Countdown(browser, "补正告知期限"), Is.EqualTo("剩余 5 个工作日"), "12 calendar days, 5 working days");
            Assert.That(browser.Find("#clocks [data-clock='补正告知期限']").Text, Does.Contain("国庆节假期顺延").And.Contain("第三十二条"));
            // Only the steps the stage allows: correction, not accepted, accepted.
            Assert.That(browser.FindAll("#next-steps form.step[id^='step-']").Select(f => f.GetAttribute("id")),
                Is.EqualTo(new[] { "step-correctionRequested", "step-notAccepted", "step-accepted" }));
        });
        browser.Screenshots("received");

        // 一次性告知补正: both missing materials, ticked.
        var missing = browser.FindAll("#step-correctionRequested input[name='Input.StillMissing']");
        Assert.That(missing.Select(m => (m.GetAttribute("value"), m.Selected)), Is.EqualTo(new[] { ("representative-id", true), ("premises", true) }));
        browser.Click("#step-correctionRequested button[type=submit]");
        Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("补正"), browser.BodyText);
        Assert.That(browser.Find("#correction-items").Text, Does.Contain("法定代表人").Or.Contain("身份"));
        Assert.That(browser.Find("#documents").Text, Does.Contain("补正材料通知书"));
        Assert.That(browser.FindAll("#next-steps form.step[id^='step-']").Select(f => f.GetAttribute("id")),
            Is.EqualTo(new[] { "step-notAccepted", "step-accepted" }), "a correction is asked once");
        browser.Screenshots("correction-requested");

        // Wednesday 09-30 the applicant brings both: accepted; the promised 5 working days run over National Day.
        At(9, 30);
        Open(browser, $"/permits/{id}");
        browser.Find("#handed-representative-id").Click();
        browser.Find("#handed-premises").Click();
        browser.Click("#step-accepted button[type=submit]");
        Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("受理"), browser.BodyText);
        Assert.That(browser.Find("#permit-accepted").Text, Is.EqualTo("2026-09-30"));
        Assert.That(Due(browser, "承诺时限"), Is.EqualTo("2026-10-13"), "10-08, 10-09, 10-10 (worked), 10-12, 10-13: five working days after 09-30");

        // Passed on to 周杰 with a note of why; the first-inquiry clerk stays 王芳.
        browser.Choose("#handoff-to", "zhoujie");
        browser.Type("#handoff-message", "请周杰协助核对场所材料");
        browser.Click("#handoff button[type=submit]");
        Assert.That(browser.Find("#permit-holder").Text, Is.EqualTo("周杰"));
        Assert.That(browser.Find("#permit-responsible").Text, Is.EqualTo("王芳"));
        Assert.That(browser.Find("#handoffs").Text, Does.Contain("请周杰协助核对场所材料"));
        browser.Screenshots("accepted");

        // Monday 10-05, in the holiday: eight calendar days to the due date, still five working days.
        At(10, 5);
        Open(browser, $"/permits/{id}");
        Assert.That(Countdown(browser, "承诺时限"), Is.EqualTo("剩余 5 个工作日"));
        Assert.That(browser.Find("#clocks [data-clock='承诺时限']").Text, Does.Contain("国庆节假期顺延"));

        // Monday 10-12: one working day left — the queue shows it amber, overdue work red.
        At(10, 12);
        Open(browser, "/window/queue?show=all");
        var row = browser.Find($"#queue tr[data-id='{id}']");
        Assert.That(row.GetAttribute("data-remaining"), Is.EqualTo("1"));
        Assert.That(row.FindElement(By.CssSelector("[data-countdown]")).Text, Is.EqualTo("剩余 1 个工作日"));
        Assert.That(row.GetAttribute("class"), Is.EqualTo("dueSoon"), "due soon: amber");
        var overdue = browser.FindAll("#queue tbody tr.overdue [data-countdown]");
        Assert.That(overdue, Is.Not.Empty, "the demo window has overdue work at this date");
        Assert.That(overdue.First().Text, Does.Match(@"^已超期( \d+ 个工作日)?$"));
        Assert.That(browser.Find("#month-figures").GetAttribute("data-from"), Is.EqualTo("2026-10-01"));
        var remaining = browser.FindAll("#queue tbody tr").Where(r => r.GetAttribute("data-status") is "overdue" or "dueSoon" or "running")
            .Select(r => int.Parse(r.GetAttribute("data-remaining")!, CultureInfo.InvariantCulture)).ToList();
        Assert.That(remaining, Is.Ordered, "the most urgent first");
        browser.Screenshots("queue");
        Open(browser, "/window/queue");
        Assert.That(browser.Has($"#queue tr[data-id='{id}']"), Is.True, "王芳 answers for it as first-inquiry clerk");

        // The same day it is approved, then completed — first without the licence number.
        Open(browser, $"/permits/{id}");
        Assert.That(Countdown(browser, "承诺时限"), Is.EqualTo("剩余 1 个工作日"));
        browser.Click("#step-approved button[type=submit]");
        Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("准予许可"), browser.BodyText);
        Assert.That(Due(browser, "发证送达期限"), Is.EqualTo("2026-10-26"), "art. 44: 10 working days after the approval");
        browser.Click("#step-completed button[type=submit]");
        Assert.That(browser.Find("#step-errors").Text, Does.Contain("许可证号"), "the number is asked for, in Chinese");
        browser.Type("#certificate-number", "川音零字 0115-2026-1012 号");
        browser.Click("#step-completed button[type=submit]");
        Assert.Multiple(() =>
        {
            Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("办结"), browser.BodyText);
            Assert.That(browser.Find("#permit-certificate").Text, Is.EqualTo("川音零字 0115-2026-1012 号"));
            Assert.That(Countdown(browser, "承诺时限"), Is.EqualTo("按时办结"));
            Assert.That(browser.Has("#next-steps"), Is.False, "nothing is left to do");
        });
        browser.Screenshots("completed");

        // 办件查询 finds it in its final stage.
        Open(browser, "/window/search");
        browser.Choose("#stage", "completed");
        browser.Type("#applicant", applicant);
        browser.Click("#search");
        var found = browser.FindAll("#results tbody tr");
        Assert.That(found, Has.Count.EqualTo(1), browser.BodyText);
        Assert.That(found.First().GetAttribute("data-id"), Is.EqualTo(id));
        Assert.That(found.First().Text, Does.Contain("办结").And.Contain("川音零字 0115-2026-1012 号").And.Contain("2026-10-12"));
        browser.Screenshots("search");
        browser.AssertNoConsoleErrors();

        // The record, as the API has it.
        var permit = JsonDocument.Parse(await api.GetStringAsync($"/api/permits/{id}")).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(permit.GetProperty("stage").GetString(), Is.EqualTo("completed"));
            Assert.That(permit.GetProperty("certificateNumber").GetString(), Is.EqualTo("川音零字 0115-2026-1012 号"));
            Assert.That((permit.GetProperty("receivedOn").GetString(), permit.GetProperty("acceptedOn").GetString(), permit.GetProperty("completedOn").GetString()),
                Is.EqualTo(("2026-09-28", "2026-09-30", "2026-10-12")));
            Assert.That((permit.GetProperty("responsibleId").GetString(), permit.GetProperty("holderId").GetString()), Is.EqualTo(("wangfang", "zhoujie")));
            Assert.That(permit.GetProperty("venueId").GetString(), Is.EqualTo(venue.GetProperty("id").GetString()));
            Assert.That(permit.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("toStage").GetString()),
                Is.EqualTo(new[] { "received", "correctionRequested", "accepted", "approved", "completed" }));
            Assert.That(permit.GetProperty("correctionItems").EnumerateArray().Select(m => m.GetProperty("code").GetString()),
                Is.EqualTo(new[] { "representative-id", "premises" }));
            var promised = permit.GetProperty("clocks").GetProperty("promised");
            Assert.That((promised.GetProperty("status").GetString(), promised.GetProperty("dueDate").GetString()), Is.EqualTo(("completedOnTime", "2026-10-13")));
            Assert.That(permit.GetProperty("handoffs")[0].GetProperty("message").GetString(), Is.EqualTo("请周杰协助核对场所材料"));
        });
        var search = JsonDocument.Parse(await api.GetStringAsync($"/api/permits?stage=completed&applicant={Uri.EscapeDataString(applicant)}")).RootElement;
        Assert.That(search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { id }));
    }

    // After the first test: its clock goes back to the days after the demo, and a suspension written then must not
    // sit in the future of the first test's queue.
    [Test, Order(2)]
    public async Task A_clerk_suspends_review_for_experts_and_resumes_it_and_the_section_head_extends_the_statutory_limit()
    {
        // Monday 09-28, the first working day after the demo's last.
        At(9, 28);
        using var api = await ApiAsync(Clerk);
        // An application of the demo under review, within its promised limit, its statutory limit not yet extended.
        string? id = null;
        var suspendedBefore = 0;
        foreach (var item in JsonDocument.Parse(await api.GetStringAsync("/api/permits?stage=underReview&limit=100")).RootElement.GetProperty("items").EnumerateArray())
        {
            var candidate = JsonDocument.Parse(await api.GetStringAsync($"/api/permits/{item.GetProperty("id").GetString()}")).RootElement;
            if (candidate.GetProperty("extensions").GetArrayLength() > 0) continue;
            if (candidate.GetProperty("clocks").GetProperty("promised").GetProperty("status").GetString() is not ("running" or "dueSoon")) continue;
            id = candidate.GetProperty("id").GetString();
            suspendedBefore = candidate.GetProperty("clocks").GetProperty("promised").GetProperty("suspendedDays").GetInt32();
            break;
        }
        Assert.That(id, Is.Not.Null, "the demo window has an application under review within its limit");

        using var browser = new PageBrowser(_host);
        browser.SignIn(Clerk, DemoLoad.Password, returnUrl: $"/permits/{id}");
        Assert.That(browser.Has("#extend"), Is.False, "a clerk does not extend the statutory limit");
        Assert.That(browser.FindAll("#next-steps form.step[id^='step-']").Select(f => f.GetAttribute("id")),
            Is.EqualTo(new[] { "step-suspended", "step-approved", "step-refused" }));
        browser.Choose("#kind-suspended", "expertReview");
        browser.Type("#note-suspended", "组织专家对场所安全条件进行评审");
        browser.Click("#step-suspended button[type=submit]");
        Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("中止"), browser.BodyText);
        Assert.That(browser.Find("#clocks [data-clock='承诺时限']").GetAttribute("data-status"), Is.EqualTo("suspended"));
        Assert.That(Countdown(browser, "承诺时限"), Does.StartWith("已中止"));
        Assert.That(browser.FindAll("#next-steps form.step[id^='step-']").Select(f => f.GetAttribute("id")), Is.EqualTo(new[] { "step-underReview" }),
            "a suspended application can only resume");
        Assert.That(browser.Find("#step-underReview button").Text, Is.EqualTo("恢复审查"));
        browser.Screenshots("suspended");

        // Wednesday 09-30 the experts have reported: review resumes, Monday and Tuesday not counted.
        At(9, 30);
        Open(browser, $"/permits/{id}");
        browser.Click("#step-underReview button[type=submit]");
        Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("审查"), browser.BodyText);
        Assert.That(browser.Find("#clocks [data-clock='承诺时限']").Text, Does.Contain($"中止 {suspendedBefore + 2} 个工作日"));
        browser.AssertNoConsoleErrors();

        using var head = new PageBrowser(_host);
        head.SignIn("liuyang", DemoLoad.Password, returnUrl: $"/permits/{id}");
        Assert.That(new Uri(head.Url).AbsolutePath, Is.EqualTo($"/permits/{id}"), head.BodyText);
        head.Type("#extend-reason", "专家评审意见需补充论证，经批准延长法定办理时限并书面告知申请人");
        head.Click("#extend button[type=submit]");
        Assert.That(head.Find("#notice").Text, Does.Contain("已批准延长法定时限"), head.BodyText);
        Assert.That(head.Find("#clocks [data-clock='法定时限']").Text, Does.Contain("批准延长 10 个工作日"));
        Assert.That(head.Has("#extend"), Is.False, "extended once only");
        head.Screenshots("extended");
        head.AssertNoConsoleErrors();

        // 王芳's page was read before the extension: her approval answers that the application changed meanwhile,
        // and the page shows it as it now is, extension included, for her to decide again.
        browser.Click("#step-approved button[type=submit]");
        Assert.That(browser.Find("#step-errors").Text, Does.Contain("已被他人修改"), browser.BodyText);
        Assert.That(browser.Find("#permit-stage").Text, Is.EqualTo("审查"));
        Assert.That(browser.Find("#clocks [data-clock='法定时限']").Text, Does.Contain("批准延长 10 个工作日"));
        browser.AssertNoConsoleErrors();

        var permit = JsonDocument.Parse(await api.GetStringAsync($"/api/permits/{id}")).RootElement;
        var suspension = permit.GetProperty("suspensions").EnumerateArray().Last();
        Assert.Multiple(() =>
        {
            Assert.That((suspension.GetProperty("kind").GetString(), suspension.GetProperty("startOn").GetString(), suspension.GetProperty("endOn").GetString()),
                Is.EqualTo(("expertReview", "2026-09-28", "2026-09-29")));
            Assert.That(permit.GetProperty("extensions")[0].GetProperty("days").GetInt32(), Is.EqualTo(10));
            Assert.That(permit.GetProperty("clocks").GetProperty("statutory").GetProperty("extensionDays").GetInt32(), Is.EqualTo(10));
            Assert.That(permit.GetProperty("stage").GetString(), Is.EqualTo("underReview"));
        });
    }

    [Test, Order(3)]
    public async Task The_month_figures_on_the_queue_and_search_pages_are_the_apis()
    {
        At(9, 24, 19);
        using var api = await ApiAsync(Clerk);
        var figures = JsonDocument.Parse(await api.GetStringAsync("/api/permits/figures?from=2026-09-01&to=2026-09-24")).RootElement;
        var onTime = figures.GetProperty("onTime");
        var received = figures.GetProperty("intake").EnumerateArray().Sum(i => i.GetProperty("received").GetInt32());
        using var browser = new PageBrowser(_host);
        browser.SignIn(Clerk, DemoLoad.Password, returnUrl: "/window/search");
        foreach (var path in new[] { "/window/search", "/window/queue" })
        {
            Open(browser, path);
            string Tile(string name) => browser.Find($"#month-figures [data-figure='{name}'] .tile-value").Text;
            Assert.Multiple(() =>
            {
                Assert.That(browser.Find("#month-figures").GetAttribute("data-from"), Is.EqualTo("2026-09-01"));
                Assert.That(browser.Find("#month-figures").GetAttribute("data-to"), Is.EqualTo("2026-09-24"));
                Assert.That(Tile("received"), Is.EqualTo(received.ToString(CultureInfo.InvariantCulture)));
                Assert.That(Tile("completed"), Is.EqualTo(onTime.GetProperty("completed").GetInt32().ToString(CultureInfo.InvariantCulture)));
                Assert.That(Tile("onTime"), Is.EqualTo(onTime.GetProperty("onTime").GetInt32().ToString(CultureInfo.InvariantCulture)));
                Assert.That(Tile("late"), Is.EqualTo((onTime.GetProperty("completed").GetInt32() - onTime.GetProperty("onTime").GetInt32()).ToString(CultureInfo.InvariantCulture)));
                Assert.That(Tile("openOverdue"), Is.EqualTo(figures.GetProperty("openOverdue").GetInt32().ToString(CultureInfo.InvariantCulture)),
                    "open and overdue now, beside completed late");
                var rate = onTime.GetProperty("onTimeRate");
                Assert.That(browser.Find("#month-figures [data-figure='onTimeRate']").GetAttribute("data-value"),
                    Is.EqualTo(rate.ValueKind == JsonValueKind.Null ? "" : rate.GetDecimal().ToString(CultureInfo.InvariantCulture)));
            });
        }
        Assert.That(received, Is.GreaterThan(0), "the demo window received applications in September");
        // The whole register: every stage the demo reached is found, each row leading to its application.
        Open(browser, "/window/search");
        var rows = browser.FindAll("#results tbody tr");
        var page = JsonDocument.Parse(await api.GetStringAsync("/api/permits")).RootElement.GetProperty("items");
        Assert.That(rows.Select(r => r.GetAttribute("data-id")), Is.EqualTo(page.EnumerateArray().Select(i => i.GetProperty("id").GetString())));
        Assert.That(browser.Has("#next-page"), Is.EqualTo(JsonDocument.Parse(await api.GetStringAsync("/api/permits")).RootElement.GetProperty("nextCursor").ValueKind != JsonValueKind.Null));
        browser.Screenshots("search-all");
        browser.AssertNoConsoleErrors();
    }
}
