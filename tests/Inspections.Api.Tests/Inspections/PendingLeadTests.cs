using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>A case lead found on an inspection stays on the "pending leads" list until a case is opened from it.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PendingLeadTests(string provider) : ApiFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    [Test]
    public async Task An_inspection_lead_is_pending_until_a_case_is_opened_from_it()
    {
        var venue = await (await Api.Client("officer").PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = "待立案网吧", ["address"] = "温江区", ["type"] = "internetCafe", ["licenseStatus"] = "licensed",
            ["licenseNumber"] = Licences.Unique("川网文 0115 号"), ["operatorName"] = "王某",
        })).Expect(HttpStatusCode.Created);
        var start = new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.FromHours(8));
        var inspection = await (await Api.ZhangSanClient().PostJson("/api/inspections", new Dictionary<string, object?>
        {
            ["venueId"] = venue.Str("id"), ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(40),
            ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            ["results"] = new[] { "IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE" }
                .Select(code => new Dictionary<string, object?>
                {
                    ["itemCode"] = code, ["result"] = code == "IC-MINOR" ? "violation" : "compliant",
                    ["note"] = code == "IC-MINOR" ? "接纳未成年人 3 名" : null,
                }).ToList(),
            ["outcome"] = "caseLead", ["caseLeadDescription"] = "涉嫌接纳未成年人",
        })).Expect(HttpStatusCode.Created);
        var id = inspection.Str("id");
        var officer = Api.ZhangSanClient();

        async Task<string[]> Pending() => (await (await officer.GetAsync("/api/inspections?leadsPending=true")).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.Str("id")).ToArray();

        Assert.That(await Pending(), Does.Contain(id));
        await (await Api.Client("officer").PostJson("/api/cases", new
        {
            source = "inspection", inspectionId = id, venueId = venue.Str("id"), party = new { kind = "venue" },
            violationCode = "cafe-minors-admitted", facts = "3 月 1 日 22 时检查发现接纳未成年人 3 名上网。", occurredOn = "2026-03-01",
        })).Expect(HttpStatusCode.Created);
        Assert.That(await Pending(), Does.Not.Contain(id));
    }
}
