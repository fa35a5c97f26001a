using System.Net;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Reports;

/// <summary>
/// What the hand-counted half-years (the work summary, the half-year report, the registers) are built from: venues
/// registered by an officer of the district and inspections recorded by 张三 and 李四 on a given Beijing day with the
/// internet café checklist, every item compliant but the one named.
/// </summary>
public abstract class HalfYearFixture(string provider) : CaseFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private static readonly string[] Items = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];

    protected async Task<string> Venue(string name, string type, string status, string jurisdiction = "510115")
    {
        var v = await (await Officer(jurisdiction).PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = name, ["address"] = "温江区柳城大道 " + name, ["type"] = type, ["licenseStatus"] = status,
            ["licenseNumber"] = status == "licensed" ? Licences.Unique("证 0115-" + name.Length) : null, ["operatorName"] = name + "经营者",
            ["terminals"] = type == "internetCafe" ? 80 : null,
        })).Expect(HttpStatusCode.Created);
        return v.Str("id");
    }

    protected async Task Inspect(string venue, int month, int day, string? violation, string outcome, Dictionary<string, object?>? extra = null)
    {
        SetLocal(2026, month, day, 18);
        var start = new DateTimeOffset(2026, month, day, 10, 0, 0, TimeSpan.FromHours(8));
        var body = new Dictionary<string, object?>
        {
            ["venueId"] = venue, ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(30),
            ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            ["results"] = Items.Select(c => new Dictionary<string, object?>
            {
                ["itemCode"] = c, ["result"] = c == violation ? "violation" : "compliant", ["note"] = c == violation ? "发现违规" : null,
            }).ToList(),
            ["outcome"] = outcome,
        };
        foreach (var (k, v) in extra ?? []) body[k] = v;
        await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
    }
}
