using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Cases;

/// <summary>
/// The closure rate by venue type counts each case under its venue's type as the venue now has it: the case keeps the
/// type (for the figures' index) and a change of the venue's type moves its cases with it.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CaseClosureByVenueTypeTests(string provider) : CaseFixture(provider)
{
    private const string Report = "/api/cases/closure-rate?from=2026-01-01&to=2026-06-30&asOf=2026-06-30&by=venueType";

    private static Dictionary<string, object?> Venue(string name, string type) => new()
    {
        ["name"] = name,
        ["address"] = "温江区柳城大道 " + name.Length + " 号",
        ["type"] = type,
        ["operatorName"] = "王某",
        ["licenseNumber"] = Licences.Unique("川文娱 0115 号"),
        ["licenseValidUntil"] = "2027-06-30",
        ["licenseStatus"] = "licensed",
    };

    private async Task<JsonElement> FiledAgainstAsync(JsonElement venue)
    {
        var lead = await (await Officer().PostJson("/api/cases", new
        {
            source = "complaint", venueId = venue.Str("id"), party = new { kind = "venue" }, violationCode = "cafe-minors-admitted",
            facts = "3 月 1 日 22 时检查发现接纳未成年人上网。", occurredOn = "2026-03-01",
        })).Expect(HttpStatusCode.Created);
        return await StepOkAsync(Supervisor(), lead, "filed");
    }

    private async Task<Dictionary<string, (int Filed, string Name)>> GroupsAsync()
    {
        var r = await (await Supervisor().GetAsync(Report)).Expect(HttpStatusCode.OK);
        return r.GetProperty("groups").EnumerateArray().ToDictionary(g => g.Str("key"), g => (g.GetProperty("filed").GetInt32(), g.Str("name")));
    }

    [Test]
    public async Task Each_case_counts_under_its_venues_current_type()
    {
        SetLocal(2026, 3, 2);
        var cafe = await (await Officer().PostJson("/api/venues", Venue("星空网吧", "internetCafe"))).Expect(HttpStatusCode.Created);
        var ktv = await (await Officer().PostJson("/api/venues", Venue("欢唱歌城", "songAndDance"))).Expect(HttpStatusCode.Created);
        await FiledAgainstAsync(cafe);
        await FiledAgainstAsync(cafe);
        await FiledAgainstAsync(ktv);
        await StepOkAsync(Supervisor(), await OpenLeadAsync(), "filed");

        var before = await GroupsAsync();
        Assert.That(before.Keys, Is.EquivalentTo(new[] { "internetCafe", "songAndDance", "none" }));
        Assert.Multiple(() =>
        {
            Assert.That(before["internetCafe"], Is.EqualTo((2, "互联网上网服务营业场所")));
            Assert.That(before["songAndDance"].Filed, Is.EqualTo(1));
            Assert.That(before["none"], Is.EqualTo((1, "未关联场所")));
        });

        // The café turns out to be an arcade: its two cases move with it; the other venue's stays.
        var update = Venue("星空网吧", "gameArcade");
        update["licenseNumber"] = cafe.Str("licenseNumber");
        update["address"] = cafe.Str("address");
        update["version"] = cafe.GetProperty("version").GetInt64();
        await (await Officer().PutJson($"/api/venues/{cafe.Str("id")}", update)).Expect(HttpStatusCode.OK);

        var after = await GroupsAsync();
        Assert.That(after.Keys, Is.EquivalentTo(new[] { "gameArcade", "songAndDance", "none" }));
        Assert.Multiple(() =>
        {
            Assert.That(after["gameArcade"].Filed, Is.EqualTo(2));
            Assert.That(after["songAndDance"].Filed, Is.EqualTo(1));
            Assert.That(after["none"].Filed, Is.EqualTo(1));
        });
        var totals = (await (await Supervisor().GetAsync(Report)).Expect(HttpStatusCode.OK)).GetProperty("totals");
        Assert.That(totals.GetProperty("filed").GetInt32(), Is.EqualTo(4));
    }
}
