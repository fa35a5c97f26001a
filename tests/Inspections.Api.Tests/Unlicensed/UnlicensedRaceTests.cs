using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.UnlicensedFeature;

/// <summary>Officers acting on one venue at once: one link, one outcome, the others told so with a 409.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class UnlicensedRaceTests(string provider) : UnlicensedFixture(provider)
{
    [Test]
    public async Task Linking_one_venue_from_several_desks_at_once_links_it_once()
    {
        var campaign = await OpenCampaignAsync("并发排查整治");
        var venue = await (await Officer().PostJson("/api/venues", new
        {
            name = "并发黑网吧", address = "温江区", type = "internetCafe", licenseStatus = "unlicensed",
        })).Expect(HttpStatusCode.Created);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Officer().PostJson($"/api/unlicensed-campaigns/{campaign}/venues", new { venueId = venue.Str("id"), foundOn = "2026-09-10" })));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(5));
        var list = await (await Officer().GetAsync($"/api/unlicensed-campaigns/{campaign}/venues")).Expect(HttpStatusCode.OK);
        Assert.That(list.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Racing_outcomes_with_one_version_let_exactly_one_win()
    {
        var campaign = await OpenCampaignAsync("并发结果整治");
        var venue = await SurveyAsync(campaign, Found("抢办网吧"));
        var responses = await Task.WhenAll(new[] { "banned", "referred", "guidanceCertificate", "banned" }.Select(outcome =>
            OutcomeAsync(campaign, venue, new { outcome, decidedOn = "2026-10-10", department = outcome == "referred" ? "工商" : null,
                certificateNumber = outcome == "guidanceCertificate" ? "温辅〔2026〕009号" : null })));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(3));
        var now = await (await Officer().GetAsync(Url(campaign, venue))).Expect(HttpStatusCode.OK);
        Assert.That(Version(now), Is.EqualTo(Version(venue) + 1));
    }
}
