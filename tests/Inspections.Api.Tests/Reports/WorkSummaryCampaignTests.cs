using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.UnlicensedFeature;

namespace Inspections.Api.Tests.Reports;

/// <summary>
/// The work summary counts every campaign of the period in one pass: each campaign's entry is exactly
/// what its own progress page says, however many campaigns there are, and no other campaign's figures
/// leak into it. Campaigns outside the period or the district are left out.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class WorkSummaryCampaignTests(string provider) : UnlicensedFixture(provider)
{
    private string _cafes = "", _arcades = "";

    private async Task<string> OpenAsync(string name, string startsOn, string endsOn, string jurisdiction = "510115") =>
        (await (await Officer(jurisdiction).PostJson("/api/unlicensed-campaigns", new
        {
            name, startsOn, endsOn, venueTypes = new[] { "internetCafe", "gameArcade" },
        })).Expect(HttpStatusCode.Created)).Str("id");

    [OneTimeSetUp]
    public async Task TwoCampaignsAndTwoNotCounted()
    {
        // Opened in the order the summary must not follow: it lists campaigns by their start.
        _arcades = await OpenAsync("无证游艺厅专项整治", "2026-10-01", "2026-11-30");
        _cafes = await OpenAsync("无证网吧集中整治", "2026-09-01", "2026-12-31");
        await OpenAsync("上半年整治", "2026-01-01", "2026-03-31");
        await OpenAsync("锦江区整治", "2026-09-01", "2026-12-31", jurisdiction: "510104");

        var a = await SurveyAsync(_cafes, Found("星光网吧"));
        var b = await SurveyAsync(_cafes, Found("飞跃网吧", foundOn: "2026-09-12"));
        await SurveyAsync(_cafes, Found("童趣游艺", "gameArcade", "2026-09-15"));
        a = await NoticeAsync(_cafes, a, "2026-10-20", 15); // overdue by 11-20
        b = await NoticeAsync(_cafes, b, "2026-11-10", 30); // still running
        a = await PrerequisiteAsync(_cafes, a, "fire", "refused", note: "疏散通道不符合要求");
        await (await OutcomeAsync(_cafes, b, new { outcome = "referred", decidedOn = "2026-11-12", department = "工商" })).Expect(HttpStatusCode.OK);
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{_cafes}/mobilisations", new { heldOn = "2026-09-16", kind = "meeting", attendees = 12 }))
            .Expect(HttpStatusCode.Created);
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{_cafes}/office-days", new
        {
            heldOn = "2026-10-15", departments = new[] { "fire", "commerce" }, campaignVenueIds = new[] { a.Str("id") },
        })).Expect(HttpStatusCode.Created);

        var c = await SurveyAsync(_arcades, Found("快乐电玩", "gameArcade", "2026-10-02"));
        await (await OutcomeAsync(_arcades, c, new { outcome = "banned", decidedOn = "2026-11-10" })).Expect(HttpStatusCode.OK);
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{_arcades}/mobilisations", new { heldOn = "2026-10-05", kind = "publicity", attendees = 200 }))
            .Expect(HttpStatusCode.Created);
    }

    private async Task<JsonElement> SummaryAsync(string query, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await Api.Client("supervisor").GetAsync("/api/reports/work-summary?" + query)).Expect(expected);

    [Test]
    public async Task Each_campaign_of_the_period_reads_as_its_own_progress_page()
    {
        var summary = await SummaryAsync("from=2026-07-01&to=2026-12-31");
        var listed = summary.GetProperty("unlicensedCampaigns").EnumerateArray().ToList();
        Assert.That(listed.Select(c => c.Str("campaignId")), Is.EqualTo(new[] { _cafes, _arcades }), "the district's two campaigns of the period, by start");
        foreach (var campaign in listed)
        {
            var page = await ProgressAsync(campaign.Str("campaignId"));
            Assert.That(campaign.GetRawText(), Is.EqualTo(page.GetRawText()), campaign.Str("name"));
        }
        Assert.Multiple(() =>
        {
            Assert.That(listed[0].GetProperty("venuesFound").GetInt64(), Is.EqualTo(3));
            Assert.That(listed[0].GetProperty("notices").GetProperty("overdue").GetInt64(), Is.EqualTo(1));
            Assert.That(listed[0].GetProperty("officeDays").GetProperty("venuesHandled").GetInt64(), Is.EqualTo(1));
            Assert.That(listed[1].GetProperty("venuesFound").GetInt64(), Is.EqualTo(1));
            Assert.That(listed[1].GetProperty("outcomes").GetProperty("banned").GetInt64(), Is.EqualTo(1));
            Assert.That(listed[1].GetProperty("mobilisation").GetProperty("publicityAttendees").GetInt64(), Is.EqualTo(200));
            Assert.That(summary.Str("paragraph"), Does.EndWith(listed[0].Str("summary") + listed[1].Str("summary")));
        });
    }

    [Test]
    public async Task A_period_without_campaigns_lists_none()
    {
        var summary = await SummaryAsync("from=2026-04-01&to=2026-06-30");
        Assert.That(summary.GetProperty("unlicensedCampaigns").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task The_as_of_date_cannot_precede_the_period_whether_sent_or_today()
    {
        var sent = await SummaryAsync("from=2026-07-01&to=2026-12-31&asOf=2026-06-30", HttpStatusCode.BadRequest);
        Assert.That(sent.FieldErrors("asOf"), Is.Not.Empty);
        // Today is 2026-11-20: a summary of next year has no figures to count yet.
        var future = await SummaryAsync("from=2027-01-01&to=2027-06-30", HttpStatusCode.BadRequest);
        Assert.That(future.FieldErrors("asOf"), Is.Not.Empty);
    }
}
