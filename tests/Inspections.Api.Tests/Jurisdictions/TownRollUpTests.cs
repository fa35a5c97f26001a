using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Jurisdictions;

/// <summary>
/// Figures roll up town → district → city, and a town sees only itself. Half a year, counted by hand:
/// <code>
/// 510115001 柳城街道  A (registered by the district brigade), C (by the station)   A inspected 3-03 → notice, checked 3-10
/// 510115002 公平街道  D (by its station)                                            D inspected 3-05
/// 510115    温江区    B (by the brigade, in the district itself)                     B inspected 3-04
/// 510104    锦江区    E · 510104020 春熙路街道 F                                      F inspected 3-06
/// </code>
/// So inspections / venues: 柳城街道 1 / 2, 公平街道 1 / 1, 温江区 3 / 4, 锦江区 1 / 2, 成都市 4 / 6.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class TownRollUpTests(string provider) : CaseFixture(provider)
{
    private const string Liucheng = "510115001", Gongping = "510115002", Wenjiang = "510115", Jinjiang = "510104", Chunxilu = "510104020", Chengdu = "510100";
    private static readonly string[] Items = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];

    /// <summary>Each place's own officers inspect there: a station's staff, the district's brigade.</summary>
    protected override IEnumerable<TestUser> FixtureUsers => [.. Officers.Of(Liucheng), .. Officers.Of(Wenjiang), .. Officers.Of(Gongping), .. Officers.Of(Jinjiang)];

    private readonly Dictionary<string, string> _venues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _inspections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _reports = new(StringComparer.Ordinal);

    private async Task<string> Venue(string key, string registeredBy, string? jurisdiction)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = $"{key}网吧", ["address"] = "成都市", ["type"] = "internetCafe", ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("川网文 0115 号"),
        };
        if (jurisdiction is not null) body["jurisdiction"] = jurisdiction;
        var v = await (await Api.Client("officer", registeredBy).PostJson("/api/venues", body)).Expect(HttpStatusCode.Created);
        Assert.That(v.Str("jurisdiction"), Is.EqualTo(jurisdiction ?? registeredBy), $"{key} belongs where it was registered");
        return _venues[key] = v.Str("id");
    }

    private async Task Inspect(string key, string by, int day, bool notice = false)
    {
        SetLocal(2026, 3, day, 18);
        var start = new DateTimeOffset(2026, 3, day, 10, 0, 0, TimeSpan.FromHours(8));
        var body = new Dictionary<string, object?>
        {
            ["venueId"] = _venues[key], ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(30),
            ["officers"] = new[] { Officers.OnForm(Officers.ZhangSan, by), Officers.OnForm(Officers.LiSi, by) },
            ["results"] = Items.Select(c => new Dictionary<string, object?>
            {
                ["itemCode"] = c, ["result"] = notice && c == "IC-MINOR" ? "violation" : "compliant", ["note"] = notice && c == "IC-MINOR" ? "接纳未成年人 2 名" : null,
            }).ToList(),
            ["outcome"] = notice ? "rectificationNotice" : "compliant",
        };
        if (notice) body["rectification"] = new { limitDays = 5, requirements = "清退未成年人，悬挂禁入标志" };
        var created = await (await Api.ZhangSanClient(by).PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
        Assert.That(created.Str("jurisdiction"), Is.EqualTo(await VenueJurisdiction(key)), "an inspection belongs where its venue does");
        _inspections[key] = created.Str("id");
    }

    private async Task<string> VenueJurisdiction(string key) =>
        (await (await Api.Client("supervisor", Chengdu).GetAsync($"/api/venues/{_venues[key]}")).Expect(HttpStatusCode.OK)).Str("jurisdiction");

    [OneTimeSetUp]
    public async Task HalfAYear()
    {
        SetLocal(2026, 3, 2, 9);
        await Venue("A", Wenjiang, Liucheng);
        await Venue("B", Wenjiang, null);
        await Venue("C", Liucheng, null);
        await Venue("D", Gongping, null);
        await Venue("E", Jinjiang, null);
        await Venue("F", Jinjiang, Chunxilu);

        await Inspect("A", Liucheng, 3, notice: true);
        await Inspect("B", Wenjiang, 4);
        await Inspect("D", Gongping, 5);
        await Inspect("F", Jinjiang, 6);

        SetLocal(2026, 3, 10, 15);
        var a = await (await Api.Client("officer", Liucheng).GetAsync($"/api/inspections/{_inspections["A"]}")).Expect(HttpStatusCode.OK);
        await (await Api.Client("officer", Liucheng).PostJson($"/api/inspections/{_inspections["A"]}/rectification-check", new
        {
            version = a.GetProperty("version").GetInt64(), checkedOn = "2026-03-10", result = "rectified",
        })).Expect(HttpStatusCode.OK);

        SetLocal(2026, 7, 10);
        foreach (var where in new[] { Liucheng, Gongping, Wenjiang, Jinjiang, Chengdu })
            _reports[where] = await (await Api.Client("supervisor", where).GetAsync("/api/reports/work-summary?from=2026-01-01&to=2026-06-30&asOf=2026-06-30"))
                .Expect(HttpStatusCode.OK);
    }

    private int Inspections(string where) => _reports[where].GetProperty("inspections").GetProperty("total").GetInt32();

    private int Venues(string where) =>
        _reports[where].GetProperty("venues").GetProperty("byLicenseStatus").EnumerateArray().Sum(c => c.GetProperty("value").GetInt32());

    [TestCase(Liucheng, 1, 2)]
    [TestCase(Gongping, 1, 1)]
    [TestCase(Wenjiang, 3, 4)]
    [TestCase(Jinjiang, 1, 2)]
    [TestCase(Chengdu, 4, 6)]
    public void The_work_summary_counts_the_node_and_everything_below_it(string where, int inspections, int venues)
    {
        Assert.Multiple(() =>
        {
            Assert.That(_reports[where].Str("jurisdiction"), Is.EqualTo(where));
            Assert.That(Inspections(where), Is.EqualTo(inspections), "inspections");
            Assert.That(Venues(where), Is.EqualTo(venues), "venues");
        });
    }

    [Test]
    public void The_town_notice_and_its_check_count_for_the_town_the_district_and_the_city()
    {
        foreach (var where in new[] { Liucheng, Wenjiang, Chengdu })
        {
            var i = _reports[where].GetProperty("inspections");
            Assert.That(i.GetProperty("rectificationNotices").GetInt32(), Is.EqualTo(1), where);
            Assert.That(i.GetProperty("withViolations").GetInt32(), Is.EqualTo(1), where);
        }
        Assert.That(_reports[Gongping].GetProperty("inspections").GetProperty("rectificationNotices").GetInt32(), Is.Zero);
        Assert.That(_reports[Jinjiang].GetProperty("inspections").GetProperty("rectificationNotices").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task A_station_does_not_see_a_sibling_towns_venue_or_inspection()
    {
        var liucheng = Api.Client("officer", Liucheng);
        await (await liucheng.GetAsync($"/api/venues/{_venues["D"]}")).Expect(HttpStatusCode.Forbidden);
        await (await liucheng.GetAsync($"/api/inspections/{_inspections["D"]}")).Expect(HttpStatusCode.Forbidden);
        await (await liucheng.GetAsync($"/api/venues/{_venues["B"]}")).Expect(HttpStatusCode.Forbidden); // its district's own venue
        await (await liucheng.GetAsync($"/api/venues?jurisdiction={Gongping}")).Expect(HttpStatusCode.Forbidden);
        await (await liucheng.GetAsync($"/api/venues?jurisdiction={Wenjiang}")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("officer", Gongping).GetAsync($"/api/venues/{_venues["A"]}")).Expect(HttpStatusCode.Forbidden);

        var own = await (await liucheng.GetAsync("/api/venues?limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(own.GetProperty("items").EnumerateArray().Select(v => v.Str("id")), Is.EquivalentTo(new[] { _venues["A"], _venues["C"] }));
        var inspections = await (await liucheng.GetAsync("/api/inspections?limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(inspections.GetProperty("items").EnumerateArray().Select(v => v.Str("id")), Is.EquivalentTo(new[] { _inspections["A"] }));
    }

    [Test]
    public async Task The_district_and_the_city_see_the_towns_and_filter_by_one()
    {
        var wenjiang = Api.Client("officer", Wenjiang);
        var all = await (await wenjiang.GetAsync("/api/venues?limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(all.GetProperty("items").EnumerateArray().Select(v => v.Str("id")),
            Is.EquivalentTo(new[] { _venues["A"], _venues["B"], _venues["C"], _venues["D"] }));
        var town = await (await wenjiang.GetAsync($"/api/venues?jurisdiction={Liucheng}&limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(town.GetProperty("items").EnumerateArray().Select(v => v.Str("id")), Is.EquivalentTo(new[] { _venues["A"], _venues["C"] }));
        var found = await (await wenjiang.GetAsync($"/api/inspections?jurisdiction={Gongping}&limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(found.GetProperty("items").EnumerateArray().Select(v => v.Str("id")), Is.EquivalentTo(new[] { _inspections["D"] }));
        await (await wenjiang.GetAsync($"/api/venues?jurisdiction={Chunxilu}")).Expect(HttpStatusCode.Forbidden);
        foreach (var url in new[] { "/api/venues", "/api/inspections", "/api/cases/closure-rate?from=2026-01-01&to=2026-06-30&" })
        {
            var unknown = await (await wenjiang.GetAsync($"{url}{(url.EndsWith('&') ? "" : "?")}jurisdiction=510115998")).Expect(HttpStatusCode.BadRequest);
            Assert.That(unknown.FieldErrors("jurisdiction"), Has.Some.Contains("510115998"), url);
        }

        var city = Api.Client("supervisor", Chengdu);
        var street = await (await city.GetAsync($"/api/venues?jurisdiction={Chunxilu}&limit=100")).Expect(HttpStatusCode.OK);
        Assert.That(street.GetProperty("items").EnumerateArray().Select(v => v.Str("id")), Is.EquivalentTo(new[] { _venues["F"] }));
        await (await city.GetAsync($"/api/inspections/{_inspections["A"]}")).Expect(HttpStatusCode.OK);
    }
}
