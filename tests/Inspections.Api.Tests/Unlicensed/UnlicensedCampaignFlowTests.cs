using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.UnlicensedFeature;

/// <summary>A whole campaign through HTTP, and its progress figures counted by hand.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class UnlicensedCampaignFlowTests(string provider) : UnlicensedFixture(provider)
{
    [Test]
    public async Task A_campaign_from_survey_to_outcomes_reports_the_hand_counted_figures()
    {
        var campaign = await OpenCampaignAsync();
        var officer = Officer();

        // Survey 摸底排查: five venues found on the street, one already in the register as unlicensed.
        var a = await SurveyAsync(campaign, Found("星光网吧"));
        var b = await SurveyAsync(campaign, Found("飞跃网吧"));
        var c = await SurveyAsync(campaign, Found("快乐电玩", "gameArcade", "2026-09-11"));
        var d = await SurveyAsync(campaign, Found("蓝天网吧", foundOn: "2026-09-12"));
        var known = await (await officer.PostJson("/api/venues", new
        {
            name = "极速网吧", address = "温江区公平街道 12 号", type = "internetCafe", licenseStatus = "unlicensed",
        })).Expect(HttpStatusCode.Created);
        var e = await SurveyAsync(campaign, new { venueId = known.Str("id"), foundOn = "2026-09-15", note = "群众举报" });
        var f = await SurveyAsync(campaign, Found("童趣游艺", "gameArcade", "2026-09-15"));
        Assert.Multiple(() =>
        {
            Assert.That(a.Str("licenseStatus"), Is.EqualTo("unlicensed"));
            Assert.That(a.GetProperty("prerequisites").EnumerateArray().Select(p => p.Str("department")),
                Is.EqualTo(new[] { "fire", "commerce", "environment", "health" }));
            Assert.That(a.GetProperty("prerequisites").EnumerateArray().Select(p => p.Str("status")), Is.All.EqualTo("pending"));
            Assert.That(e.Str("venueName"), Is.EqualTo("极速网吧"));
        });

        // Mobilisation 宣传动员: two operators' meetings and one publicity event.
        // The section head records one of them himself: supervisors of the district act as officers do.
        var supervisor = Api.Client("supervisor");
        foreach (var (heldOn, kind, attendees, by) in new[] { ("2026-09-16", "meeting", 12, officer), ("2026-09-20", "publicity", 300, officer), ("2026-09-25", "meeting", 8, supervisor) })
            await (await by.PostJson($"/api/unlicensed-campaigns/{campaign}/mobilisations", new { heldOn, kind, attendees, note = "无证经营危害宣传" }))
                .Expect(HttpStatusCode.Created);

        // Notices: five served; D's is the one still open, and overdue by the 20th of November.
        a = await NoticeAsync(campaign, a, "2026-09-21", 10);
        b = await NoticeAsync(campaign, b, "2026-09-21", 15);
        c = await NoticeAsync(campaign, c, "2026-10-09", 30);
        d = await NoticeAsync(campaign, d, "2026-10-20", 15);
        e = await NoticeAsync(campaign, e, "2026-11-01", 10);
        Assert.That(d.Str("noticeDueOn"), Is.EqualTo("2026-11-04"));
        Assert.That(d.GetProperty("noticeClock").Str("status"), Is.EqualTo("overdue"));

        // Prerequisites: A passes all four; B fails fire safety; D has commerce's approval.
        foreach (var department in new[] { "fire", "commerce", "environment", "health" })
            a = await PrerequisiteAsync(campaign, a, department, "approved");
        b = await PrerequisiteAsync(campaign, b, "fire", "refused", note: "疏散通道不符合要求");
        d = await PrerequisiteAsync(campaign, d, "commerce", "approved");

        // Two joint office days handle A, B, C and then A, D: four venues in all.
        await (await officer.PostJson($"/api/unlicensed-campaigns/{campaign}/office-days", new
        {
            heldOn = "2026-10-15", departments = new[] { "fire", "commerce", "police" }, campaignVenueIds = new[] { a.Str("id"), b.Str("id"), c.Str("id") },
        })).Expect(HttpStatusCode.Created);
        await (await officer.PostJson($"/api/unlicensed-campaigns/{campaign}/office-days", new
        {
            heldOn = "2026-10-28", departments = new[] { "commerce", "health" }, campaignVenueIds = new[] { a.Str("id"), d.Str("id") },
        })).Expect(HttpStatusCode.Created);

        // Outcomes: A licensed, B a guidance certificate, C banned, E and F referred to commerce; D undecided.
        var permit = await PermitApplicationAsync("星光网吧经营者");
        a = await (await OutcomeAsync(campaign, a, new { outcome = "licensed", decidedOn = "2026-11-02", permitApplicationId = permit })).Expect(HttpStatusCode.OK);
        await (await OutcomeAsync(campaign, b, new { outcome = "guidanceCertificate", decidedOn = "2026-10-20", certificateNumber = "温辅〔2026〕001号" })).Expect(HttpStatusCode.OK);
        await (await OutcomeAsync(campaign, c, new { outcome = "banned", decidedOn = "2026-11-10", note = "依法取缔，收缴电脑 10 台" })).Expect(HttpStatusCode.OK);
        await (await OutcomeAsync(campaign, e, new { outcome = "referred", decidedOn = "2026-11-12", department = "工商" })).Expect(HttpStatusCode.OK);
        await (await OutcomeAsync(campaign, f, new { outcome = "referred", decidedOn = "2026-11-12", department = "工商" })).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(a.Str("permitApplicationId"), Is.EqualTo(permit));
            Assert.That(a.GetProperty("noticeClock").ValueKind, Is.EqualTo(JsonValueKind.Null), "an outcome closes the notice");
        });

        var p = await ProgressAsync(campaign);
        Assert.Multiple(() =>
        {
            Assert.That(p.GetProperty("venuesFound").GetInt64(), Is.EqualTo(6));
            Assert.That(p.GetProperty("foundByType").EnumerateArray().ToDictionary(t => t.Str("type"), t => t.GetProperty("venues").GetInt64()),
                Is.EquivalentTo(new Dictionary<string, long> { ["internetCafe"] = 4, ["gameArcade"] = 2 }));
            var outcomes = p.GetProperty("outcomes");
            Assert.That(new[] { "licensed", "guidanceCertificate", "banned", "referred", "undecided" }.Select(k => outcomes.GetProperty(k).GetInt64()),
                Is.EqualTo(new long[] { 1, 1, 1, 2, 1 }));
            Assert.That(p.GetProperty("referralsByDepartment")[0].Str("department"), Is.EqualTo("工商"));
            Assert.That(p.GetProperty("referralsByDepartment")[0].GetProperty("venues").GetInt64(), Is.EqualTo(2));
            // department: pending / approved / refused over the six venues
            var prerequisites = p.GetProperty("prerequisites").EnumerateArray().ToDictionary(x => x.Str("department"),
                x => new[] { x.GetProperty("pending").GetInt64(), x.GetProperty("approved").GetInt64(), x.GetProperty("refused").GetInt64() });
            Assert.That(prerequisites["fire"], Is.EqualTo(new long[] { 4, 1, 1 }));
            Assert.That(prerequisites["commerce"], Is.EqualTo(new long[] { 4, 2, 0 }));
            Assert.That(prerequisites["environment"], Is.EqualTo(new long[] { 5, 1, 0 }));
            Assert.That(prerequisites["health"], Is.EqualTo(new long[] { 5, 1, 0 }));
            var notices = p.GetProperty("notices");
            Assert.That(new[] { "issued", "open", "overdue" }.Select(k => notices.GetProperty(k).GetInt64()), Is.EqualTo(new long[] { 5, 1, 1 }));
            Assert.That(notices.GetProperty("overdueVenues")[0].Str("venueName"), Is.EqualTo("蓝天网吧"));
            Assert.That(notices.GetProperty("overdueVenues")[0].Str("dueDate"), Is.EqualTo("2026-11-04"));
            var m = p.GetProperty("mobilisation");
            Assert.That(new[] { "meetings", "meetingAttendees", "publicityEvents", "publicityAttendees" }.Select(k => m.GetProperty(k).GetInt64()),
                Is.EqualTo(new long[] { 2, 20, 1, 300 }));
            Assert.That(p.GetProperty("officeDays").GetProperty("days").GetInt64(), Is.EqualTo(2));
            Assert.That(p.GetProperty("officeDays").GetProperty("venuesHandled").GetInt64(), Is.EqualTo(4));
            Assert.That(p.Str("summary"), Is.EqualTo(
                "开展无证网吧集中整治，摸底排查无证经营场所6家，召开业主座谈会2次，开展宣传活动1次，开展联合现场办公2次，办理许可证1家，发放辅导证1家，取缔1家，函告工商2起。"));
        });

        var list = await (await officer.GetAsync($"/api/unlicensed-campaigns/{campaign}/venues")).Expect(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.EqualTo(6));
        var supervisorView = await (await Api.Client("supervisor").GetAsync($"/api/unlicensed-campaigns/{campaign}/progress")).Expect(HttpStatusCode.OK);
        Assert.That(supervisorView.GetProperty("venuesFound").GetInt64(), Is.EqualTo(6));
        var city = await (await Api.Client("supervisor", "510100").GetAsync($"/api/unlicensed-campaigns/{campaign}")).Expect(HttpStatusCode.OK);
        Assert.That(city.GetProperty("venueTypes").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "internetCafe", "gameArcade" }));
    }

    [Test]
    public async Task A_ten_day_notice_served_before_national_day_falls_due_on_the_first_working_day_after_it()
    {
        var campaign = await OpenCampaignAsync("国庆前无证网吧整治");
        var venue = await NoticeAsync(campaign, await SurveyAsync(campaign, Found("国庆网吧", foundOn: "2026-09-18")), "2026-09-21", 10);
        var clock = venue.GetProperty("noticeClock");
        Assert.Multiple(() =>
        {
            // 09-21 + 10 natural days = 10-01, inside the 10-01..10-07 holiday: it rolls to Thursday 10-08.
            Assert.That(venue.Str("noticeDueOn"), Is.EqualTo("2026-10-08"));
            Assert.That(clock.Str("dueDate"), Is.EqualTo("2026-10-08"));
            Assert.That(clock.GetProperty("limitDays").GetInt32(), Is.EqualTo(10));
            Assert.That(clock.Str("status"), Is.EqualTo("overdue"));
            Assert.That(clock.Str("explanation"), Does.Contain("整改期限"));
        });
    }

    [Test]
    public async Task An_open_notice_past_its_due_date_raises_an_overdue_alert_and_a_decided_one_raises_none()
    {
        var campaign = await OpenCampaignAsync("逾期通知整治");
        var open = await NoticeAsync(campaign, await SurveyAsync(campaign, Found("逾期网吧", foundOn: "2026-10-20")), "2026-11-01", 10);
        var decided = await NoticeAsync(campaign, await SurveyAsync(campaign, Found("已取缔网吧", foundOn: "2026-10-20")), "2026-11-01", 10);
        await (await OutcomeAsync(campaign, decided, new { outcome = "banned", decidedOn = "2026-11-20" })).Expect(HttpStatusCode.OK);

        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var alerts = (await (await Officer().GetAsync("/api/alerts?subjectType=unlicensedNotice&limit=200")).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();
        var alert = alerts.Single(x => x.Str("subjectId") == open.Str("id"));
        Assert.Multiple(() =>
        {
            Assert.That(alert.Str("kind"), Is.EqualTo("overdue"));
            Assert.That(alert.Str("dueDate"), Is.EqualTo("2026-11-11"));
            Assert.That(alert.Str("title"), Does.Contain("逾期网吧"));
            Assert.That(alert.Str("message"), Does.Contain("整改期限"));
            Assert.That(alerts.Select(x => x.Str("subjectId")), Does.Not.Contain(decided.Str("id")));
        });
        var elsewhere = await (await Officer("510104").GetAsync("/api/alerts?subjectType=unlicensedNotice&limit=200")).Expect(HttpStatusCode.OK);
        Assert.That(elsewhere.GetProperty("items").EnumerateArray().Select(x => x.Str("subjectId")), Does.Not.Contain(open.Str("id")));
    }
}
