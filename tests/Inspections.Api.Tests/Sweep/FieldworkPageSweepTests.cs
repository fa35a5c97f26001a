using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Inspections.Api.Tests.Sweep;

/// <summary>
/// The forms of pages that need a real record to open — the 现场检查 form of a venue, the step forms of a case
/// at each stage of its way, the lead form of /cases — swept like every other page's: each field, one at a
/// time, every bad value of the sweep's list. No answer may be a 5xx, and every page that answers speaks Chinese.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class FieldworkPageSweepTests(string provider) : ApiFixture(provider)
{
    private const string NewPassword = "Wenhua2026y";

    private static readonly TestUser Supervisor = new("fw-super", "现场科长", ["supervisor"], "510115");

    protected override IEnumerable<TestUser> FixtureUsers => [.. Officers.Of(), Supervisor];

    private static readonly string[] BadValues =
    [
        "", " ", "\0", new string('x', 100_000), "9999-12-31", "0001-01-01", "0001-01-01T00:00", "9999-12-31T23:59", "2026-02-30", "-1",
        "1e309", "NaN", "<script>alert(1)</script>", "２０２６-０１-０１", "510115999999", "00000000-0000-0000-0000-000000000000",
        "true,false", "🙂🙂", "random", "rectificationNotice", "decided",
    ];

    /// <summary>Who has changed the initial password already: the fixture's tests share its users, in any order.</summary>
    private readonly HashSet<string> _changed = [];

    private async Task<HttpClient> SignedInAsync(string login)
    {
        var browser = Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var first = !_changed.Contains(login);
        var form = PageInputSweepTests.Forms(await browser.GetStringAsync("/account/sign-in")).Single(f => f.Fields.ContainsKey("Input.LoginName"));
        var signedIn = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields)
        {
            ["Input.LoginName"] = login, ["Input.Password"] = first ? TestUser.InitialPassword : NewPassword,
        }));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedIn.Content.ReadAsStringAsync());
        if (!first) return browser;
        var change = PageInputSweepTests.Forms(await browser.GetStringAsync("/account/change-password")).Single(f => f.Fields.ContainsKey("Input.NewPassword"));
        var changed = await browser.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>(change.Fields)
        {
            ["Input.CurrentPassword"] = TestUser.InitialPassword, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        }));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        _changed.Add(login);
        return browser;
    }

    private static async Task<List<string>> SweepAsync(HttpClient browser, string path)
    {
        var faults = new List<string>();
        var html = await browser.GetStringAsync(path);
        var forms = PageInputSweepTests.Forms(html).Where(f => f.Method == "post" && !f.Action.Contains("sign-out", StringComparison.Ordinal)).ToList();
        Assert.That(forms, Is.Not.Empty, $"{path} has forms");
        foreach (var form in forms)
        {
            var action = form.Action is { Length: > 0 } a ? WebUtility.HtmlDecode(a) : path;
            foreach (var field in form.Fields.Keys.Where(k => k != "__RequestVerificationToken"))
                foreach (var bad in BadValues)
                {
                    using var answer = await browser.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields) { [field] = bad }));
                    var body = await answer.Content.ReadAsStringAsync();
                    if ((int)answer.StatusCode >= 500) faults.Add($"POST {action} {field}={(bad.Length > 20 ? $"<{bad.Length}>" : bad)}: {(int)answer.StatusCode} {body[..Math.Min(300, body.Length)]}");
                }
        }
        return faults;
    }

    [Test]
    public async Task The_inspection_form_the_case_step_forms_and_the_lead_form_answer_bad_values_without_a_5xx()
    {
        var officerApi = Api.ZhangSanClient();
        var venue = await (await officerApi.PostJson("/api/venues", new
        {
            name = "表单扫描网吧", address = "温江区柳城大道 1 号", type = "internetCafe", licenseStatus = "licensed", licenseNumber = "川网文 0001 号",
        })).Expect(HttpStatusCode.Created);
        var faults = new List<string>();
        using (var officer = await SignedInAsync(Officers.ZhangSan))
        {
            faults.AddRange(await SweepAsync(officer, $"/venues/{venue.Str("id")}/inspect"));
            faults.AddRange(await SweepAsync(officer, "/cases"));
        }
        // A supervisor's case page at each stage offers that stage's forms; a sweep may take a step, so each stage gets a case of its own.
        using var boss = await SignedInAsync(Supervisor.Id);
        var bossApi = Api.Client("supervisor");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd");
        var path = new (string To, object? Extra)[]
        {
            ("filed", null), ("investigation", null), ("legalReview", null),
            ("priorNotice", new { priorNotice = new { noticeOn = today, rightsWaived = true, proposedPenalty = new { warning = true } } }),
            ("decided", new { decision = new { warning = true, fineAmount = 1000m } }), ("served", new { service = new { method = "直接送达" } }),
        };
        for (var stages = 0; stages <= path.Length; stages++)
        {
            var c = await (await officerApi.PostJson("/api/cases", new
            {
                source = "complaint", party = new { kind = "person", name = "王某" }, violationCode = "cafe-minors-admitted", facts = "接纳未成年人", occurredOn = today,
            })).Expect(HttpStatusCode.Created);
            foreach (var (to, extra) in path.Take(stages))
            {
                var body = new Dictionary<string, object?> { ["to"] = to, ["version"] = c.GetProperty("version").GetInt64() };
                if (extra is not null)
                    foreach (var p in System.Text.Json.JsonSerializer.SerializeToElement(extra).EnumerateObject()) body[p.Name] = p.Value;
                c = await (await bossApi.PostJson($"/api/cases/{c.Str("id")}/transitions", body)).Expect(HttpStatusCode.OK);
            }
            faults.AddRange(await SweepAsync(boss, $"/cases/{c.Str("id")}"));
        }
        Assert.That(faults, Is.Empty);
    }

    [Test]
    public async Task The_case_page_suspends_resumes_and_extends_the_decision_limit_by_the_apis_requests()
    {
        var officerApi = Api.ZhangSanClient();
        var bossApi = Api.Client("supervisor");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var c = await (await officerApi.PostJson("/api/cases", new
        {
            source = "complaint", party = new { kind = "person", name = "李某" }, violationCode = "cafe-minors-admitted", facts = "接纳未成年人",
            occurredOn = today.ToString("yyyy-MM-dd"),
        })).Expect(HttpStatusCode.Created);
        c = await (await bossApi.PostJson($"/api/cases/{c.Str("id")}/transitions", new { to = "filed", version = c.GetProperty("version").GetInt64() }))
            .Expect(HttpStatusCode.OK);
        var page = $"/cases/{c.Str("id")}";
        using var boss = await SignedInAsync(Supervisor.Id);

        async Task<HttpResponseMessage> PostAsync(string handler, Dictionary<string, string> values)
        {
            var form = PageInputSweepTests.Forms(await boss.GetStringAsync(page)).First(f => WebUtility.HtmlDecode(f.Action).EndsWith("handler=" + handler, StringComparison.Ordinal));
            var fields = new Dictionary<string, string>(form.Fields);
            foreach (var (k, v) in values) fields[k] = v;
            return await boss.PostAsync(WebUtility.HtmlDecode(form.Action), new FormUrlEncodedContent(fields));
        }

        // Refused beside its fields, in Chinese: a suspension with no reason.
        var refused = await PostAsync("Suspend", new() { ["Suspend.StartOn"] = today.ToString("yyyy-MM-dd"), ["Suspend.Reason"] = "" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the form again");
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Match("class=\"field-error\">[^<]*事由"), "the reason's error beside its field");
        Assert.That((await (await bossApi.GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK)).GetProperty("suspensions").GetArrayLength(),
            Is.Zero, "nothing written");

        var suspended = await PostAsync("Suspend", new()
        {
            ["Suspend.Kind"] = "appraisal", ["Suspend.StartOn"] = today.ToString("yyyy-MM-dd"), ["Suspend.Reason"] = "送检盗版光盘鉴定",
        });
        Assert.That(suspended.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await suspended.Content.ReadAsStringAsync());
        var read = await (await bossApi.GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
        var suspension = read.GetProperty("suspensions").EnumerateArray().Single();
        Assert.That((suspension.Str("kind"), suspension.Str("reason")), Is.EqualTo(("appraisal", "送检盗版光盘鉴定")));
        Assert.That(suspension.GetProperty("endOn").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));

        var resumed = await PostAsync("Resume", new() { ["Resume.EndOn"] = today.ToString("yyyy-MM-dd") });
        Assert.That(resumed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await resumed.Content.ReadAsStringAsync());
        var extended = await PostAsync("Extend", new() { ["Extend.Days"] = "30", ["Extend.Reason"] = "案情复杂，经负责人批准延长" });
        Assert.That(extended.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await extended.Content.ReadAsStringAsync());
        read = await (await bossApi.GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("suspensions")[0].Str("endOn"), Is.EqualTo(today.ToString("yyyy-MM-dd")));
            Assert.That(read.GetProperty("extensions")[0].GetProperty("days").GetInt32(), Is.EqualTo(30));
            Assert.That(read.GetProperty("clocks").GetProperty("decision").GetProperty("extensionDays").GetInt32(), Is.EqualTo(30));
        });
        var html = await boss.GetStringAsync(page);
        Assert.That(html, Does.Contain("鉴定、检测").And.Contain("30 日"));
    }
}
