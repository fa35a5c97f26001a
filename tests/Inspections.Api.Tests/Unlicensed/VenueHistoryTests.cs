using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.UnlicensedFeature;

/// <summary>
/// GET /api/venues/{id}/history, the dossier's permit applications, campaign entries and alerts: a venue found
/// by a campaign, served a notice that runs out, and applying for its licence at the window shows all three;
/// another venue's records never appear; it admits whom the dossier admits.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class VenueHistoryTests(string provider) : UnlicensedFixture(provider)
{
    [Test]
    public async Task A_venues_history_lists_its_application_its_campaign_entry_and_the_alert_on_its_notice()
    {
        var campaign = await OpenCampaignAsync("档案整治");
        var entry = await SurveyAsync(campaign, Found("档案网吧", foundOn: "2026-11-02"));
        var other = await SurveyAsync(campaign, Found("旁边网吧", foundOn: "2026-11-02"));
        // Issued on 11-10 with 5 natural days, the notice ran out on Sunday 11-15, so on Monday 11-16; the clock stands at 11-20.
        await NoticeAsync(campaign, entry, "2026-11-10", 5);
        await NoticeAsync(campaign, other, "2026-11-10", 5);
        var venueId = entry.Str("venueId");
        var application = (await (await Api.Client("clerk").PostJson("/api/permits", new
        {
            itemCode = "internet-cafe",
            kind = "establish",
            applicant = new { name = "档案网吧经营者", phone = "028-82711234" },
            venueId,
            materials = new[] { "application" },
        })).Expect(HttpStatusCode.Created)).Str("id");
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);

        var history = await (await Officer().GetAsync($"/api/venues/{venueId}/history")).Expect(HttpStatusCode.OK);
        var permits = history.GetProperty("permits").EnumerateArray().ToList();
        var entries = history.GetProperty("campaignEntries").EnumerateArray().ToList();
        var alerts = history.GetProperty("alerts").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(history.Str("venueId"), Is.EqualTo(venueId));
            Assert.That(permits.Select(p => p.Str("id")), Is.EqualTo(new[] { application }));
            Assert.That(permits[0].Str("stage"), Is.EqualTo("received"));
            Assert.That(permits[0].Str("stageName"), Is.EqualTo("收件"));
            Assert.That(permits[0].Str("applicantName"), Is.EqualTo("档案网吧经营者"));
            Assert.That(entries.Select(e => e.Str("id")), Is.EqualTo(new[] { entry.Str("id") }));
            Assert.That(entries[0].Str("campaignName"), Is.EqualTo("档案整治"));
            Assert.That(entries[0].Str("noticeDueOn"), Is.EqualTo("2026-11-16"));
            Assert.That(alerts.Select(a => (a.Str("subjectId"), a.Str("kind"))), Is.EqualTo(new[] { (entry.Str("id"), "overdue") }),
                "the overdue notice of this venue, not its neighbour's");
            Assert.That(history.GetProperty("more").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task A_venues_history_admits_whom_the_dossier_admits()
    {
        var campaign = await OpenCampaignAsync("档案权限整治");
        var venueId = (await SurveyAsync(campaign, Found("权限网吧"))).Str("venueId");
        await (await Api.Client("supervisor").GetAsync($"/api/venues/{venueId}/history")).Expect(HttpStatusCode.OK);
        await (await Api.Client("clerk").GetAsync($"/api/venues/{venueId}/history")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("admin").GetAsync($"/api/venues/{venueId}/history")).Expect(HttpStatusCode.Forbidden);
        await (await Officer("510104").GetAsync($"/api/venues/{venueId}/history")).Expect(HttpStatusCode.Forbidden);
        await (await Officer().GetAsync($"/api/venues/{Guid.NewGuid()}/history")).Expect(HttpStatusCode.NotFound);
        await (await Officer().GetAsync("/api/venues/not-a-guid/history")).Expect(HttpStatusCode.NotFound);
    }
}
