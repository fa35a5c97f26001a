using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Jurisdictions;

/// <summary>
/// Who acts where in the tree: the district brigade on its towns' rows, a town's culture station
/// 文化站 on its own town's (inspections yes; cases, permits and campaigns no), a city on its own rows.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class TownAccessTests(string provider) : CaseFixture(provider)
{
    private const string Wenjiang = "510115", Liucheng = "510115001", Gongping = "510115002", Chengdu = "510100";
    private static readonly string[] Items = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];
    private const string StationRefusal = "乡镇（街道）文化站不能办理此事项";

    private static Dictionary<string, object?> Cafe(string name, string? jurisdiction = null, long? version = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name, ["address"] = "温江区柳城大道 8 号", ["type"] = "internetCafe", ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("川网文 0115 号"),
        };
        if (jurisdiction is not null) body["jurisdiction"] = jurisdiction;
        if (version is not null) body["version"] = version;
        return body;
    }

    /// <summary>Officers of each place: a station's staff, the district's and the city's brigades.</summary>
    protected override IEnumerable<TestUser> FixtureUsers =>
        [.. Officers.Of(Wenjiang), .. Officers.Of(Liucheng), .. Officers.Of(Gongping), .. Officers.Of("510104"), .. Officers.Of(Chengdu)];

    /// <summary>张三 and 李四 of <paramref name="by"/>, as an inspection or a draw names them.</summary>
    private static object[] Pair(string by) => [Officers.OnForm(Officers.ZhangSan, by), Officers.OnForm(Officers.LiSi, by)];

    private static Dictionary<string, object?> Inspection(string venueId, DateTimeOffset start, string kind = "routine", string by = Liucheng) => new()
    {
        ["venueId"] = venueId, ["kind"] = kind, ["startedAt"] = start, ["endedAt"] = start.AddMinutes(40),
        ["officers"] = Pair(by),
        ["results"] = Items.Select(c => new Dictionary<string, object?> { ["itemCode"] = c, ["result"] = "compliant" }).ToList(),
        ["outcome"] = "compliant",
    };

    private async Task<JsonElement> Register(string by, string name, string? jurisdiction = null) =>
        await (await Api.Client("officer", by).PostJson("/api/venues", Cafe(name, jurisdiction))).Expect(HttpStatusCode.Created);

    [Test]
    public async Task A_district_registers_a_venue_in_one_of_its_towns_and_moves_it_between_them()
    {
        var venue = await Register(Wenjiang, "柳城星空网吧", Liucheng);
        Assert.That(venue.Str("jurisdiction"), Is.EqualTo(Liucheng));
        var id = venue.Str("id");

        var moved = await (await Api.Client("officer", Wenjiang).PutJson($"/api/venues/{id}", Cafe("柳城星空网吧", Gongping, version: 1)))
            .Expect(HttpStatusCode.OK);
        Assert.That(moved.Str("jurisdiction"), Is.EqualTo(Gongping));

        // The city sees it but changes only rows of its own code.
        await (await Api.Client("supervisor", Chengdu).GetAsync($"/api/venues/{id}")).Expect(HttpStatusCode.OK);
        await (await Api.Client("officer", Chengdu).PutJson($"/api/venues/{id}", Cafe("改名网吧", version: 2))).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("officer", Chengdu).PostJson("/api/venues", Cafe("市级登记网吧", Liucheng))).Expect(HttpStatusCode.Forbidden);
        var own = await (await Api.Client("officer", Chengdu).PostJson("/api/venues", Cafe("市直属网吧"))).Expect(HttpStatusCode.Created);
        Assert.That(own.Str("jurisdiction"), Is.EqualTo(Chengdu));
    }

    [Test]
    public async Task A_venue_town_must_be_a_node_of_the_tree_and_below_the_caller()
    {
        var before = await Api.CountAsync("venues");
        var district = Api.Client("officer", Wenjiang);
        var unknown = await (await district.PostJson("/api/venues", Cafe("无名街道网吧", "510115998"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("jurisdiction"), Has.Some.Contains("510115998").And.Some.Contains("辖区目录"));
        var english = await (await Api.Client("officer", Wenjiang, "en").PostJson("/api/venues", Cafe("无名街道网吧", "510115998")))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(english.FieldErrors("jurisdiction"), Has.Some.Contains("510115998").And.Some.Contains("not in the jurisdiction tree"));
        var malformed = await (await district.PostJson("/api/venues", Cafe("零号街道网吧", "510115000"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(malformed.FieldErrors("jurisdiction"), Is.Not.Empty);
        await (await district.PostJson("/api/venues", Cafe("春熙路网吧", "510104020"))).Expect(HttpStatusCode.Forbidden);
        Assert.That(await Api.CountAsync("venues"), Is.EqualTo(before), "nothing written");

        var venue = await Register(Wenjiang, "待迁网吧", Liucheng);
        var moved = await (await district.PutJson($"/api/venues/{venue.Str("id")}", Cafe("待迁网吧", "510115997", version: 1))).Expect(HttpStatusCode.BadRequest);
        Assert.That(moved.FieldErrors("jurisdiction"), Has.Some.Contains("510115997"));
    }

    [Test]
    public async Task A_station_registers_changes_and_inspects_venues_of_its_own_town_only()
    {
        var station = Api.Client("officer", Liucheng);
        var venue = await Register(Liucheng, "站内书吧网吧");
        Assert.That(venue.Str("jurisdiction"), Is.EqualTo(Liucheng), "a station's venue belongs to its town");
        await (await station.PostJson("/api/venues", Cafe("越界网吧", Gongping))).Expect(HttpStatusCode.Forbidden);
        await (await station.PostJson("/api/venues", Cafe("上级网吧", Wenjiang))).Expect(HttpStatusCode.Forbidden);
        await (await station.PutJson($"/api/venues/{venue.Str("id")}", Cafe("站内书吧网吧", Gongping, version: 1))).Expect(HttpStatusCode.Forbidden);
        await (await station.PutJson($"/api/venues/{venue.Str("id")}", Cafe("站内网吧（更名）", version: 1))).Expect(HttpStatusCode.OK);

        var sibling = await Register(Gongping, "公平街道网吧");
        var districtVenue = await Register(Wenjiang, "区直网吧");
        SetLocal(2026, 3, 12, 18);
        var start = new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.FromHours(8));
        var zhangsan = Api.ZhangSanClient(Liucheng);
        var inspected = await (await zhangsan.PostJson("/api/inspections", Inspection(venue.Str("id"), start))).Expect(HttpStatusCode.Created);
        Assert.That(inspected.Str("jurisdiction"), Is.EqualTo(Liucheng));
        await (await zhangsan.PostJson("/api/inspections", Inspection(sibling.Str("id"), start))).Expect(HttpStatusCode.Forbidden);
        await (await zhangsan.PostJson("/api/inspections", Inspection(districtVenue.Str("id"), start))).Expect(HttpStatusCode.Forbidden);

        // The district brigade records inspections in its towns as well.
        await (await Api.ZhangSanClient(Wenjiang).PostJson("/api/inspections", Inspection(sibling.Str("id"), start, by: Wenjiang))).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_station_files_no_case_decides_no_permit_and_organises_no_campaign_or_draw()
    {
        var venue = await Register(Liucheng, "线索网吧");
        var officer = Api.Client("officer", Liucheng);
        var supervisor = Api.Client("supervisor", Liucheng);
        var clerk = Api.Client("clerk", Liucheng);
        var counts = new[] { "cases", "permit_applications", "campaigns", "random_draws", "unlicensed_campaigns" };
        var before = new List<long>();
        foreach (var table in counts) before.Add(await Api.CountAsync(table));

        var lead = new Dictionary<string, object?>
        {
            ["source"] = "complaint", ["venueId"] = venue.Str("id"),
            ["party"] = new { kind = "venue" }, ["violationCode"] = "cafe-minors-admitted", ["facts"] = "接纳未成年人上网", ["occurredOn"] = "2026-03-01",
        };
        var permit = new
        {
            itemCode = "commercial-performance", kind = "filing",
            applicant = new { name = "成都星光演艺有限公司", unifiedSocialCreditCode = ValidCreditCode, phone = "028-82711234" },
            materials = new[] { "filing-form", "performer-list", "programme", "venue-agreement" },
        };
        var campaign = new { name = "打击黑网吧专项行动", startsOn = "2026-03-01", endsOn = "2026-03-31" };
        var draw = new { name = "街道双随机", count = 1, officers = Pair(Liucheng) };
        var unlicensed = new { name = "无证网吧整治", startsOn = "2026-03-01", endsOn = "2026-05-31", venueTypes = new[] { "internetCafe" } };

        var refusals = new (HttpClient Client, string Url, object Body)[]
        {
            (officer, "/api/cases", lead), (supervisor, "/api/cases", lead), (clerk, "/api/permits", permit),
            (officer, "/api/campaigns", campaign), (officer, "/api/draws", draw), (supervisor, "/api/unlicensed-campaigns", unlicensed),
        };
        foreach (var (client, url, body) in refusals)
        {
            var problem = await (await client.PostJson(url, body)).Expect(HttpStatusCode.Forbidden);
            Assert.That(problem.Str("detail"), Does.Contain(StationRefusal), url);
        }
        var english = await (await Api.Client("officer", Liucheng, "en").PostJson("/api/cases", lead)).Expect(HttpStatusCode.Forbidden);
        Assert.That(english.Str("detail"), Does.Contain("town or street culture station").And.Contain("enforcement brigade"));
        var after = new List<long>();
        foreach (var table in counts) after.Add(await Api.CountAsync(table));
        Assert.That(after, Is.EqualTo(before), "a station's refused requests wrote nothing");

        // The same requests from the district are fine: what refused them is the station, not the body.
        await (await Api.Client("officer", Wenjiang).PostJson("/api/cases", lead)).Expect(HttpStatusCode.Created);
        await (await Api.Client("clerk", Wenjiang).PostJson("/api/permits", permit)).Expect(HttpStatusCode.Created);
        await (await Api.Client("officer", Wenjiang).PostJson("/api/campaigns", campaign)).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_station_checks_its_notices_and_records_in_the_districts_campaign()
    {
        var venue = await Register(Wenjiang, "整改网吧", Liucheng);
        SetLocal(2026, 4, 1, 9);
        var campaign = await (await Api.Client("officer", Wenjiang).PostJson("/api/campaigns", new
        {
            name = "2026 年春季打击黑网吧专项行动", startsOn = "2026-04-01", endsOn = "2026-04-30",
        })).Expect(HttpStatusCode.Created);

        SetLocal(2026, 4, 2, 18);
        var start = new DateTimeOffset(2026, 4, 2, 20, 0, 0, TimeSpan.FromHours(8)).AddHours(-6);
        var body = Inspection(venue.Str("id"), start, kind: "campaign");
        body["campaignId"] = campaign.Str("id");
        body["results"] = Items.Select(c => new Dictionary<string, object?>
        {
            ["itemCode"] = c, ["result"] = c == "IC-SIGN" ? "violation" : "compliant", ["note"] = c == "IC-SIGN" ? "未悬挂未成年人禁入标志" : null,
        }).ToList();
        body["outcome"] = "rectificationNotice";
        body["rectification"] = new { limitDays = 3, requirements = "悬挂未成年人禁入标志" };
        var inspected = await (await Api.ZhangSanClient(Liucheng).PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);

        SetLocal(2026, 4, 7, 11);
        var check = await (await Api.Client("officer", Liucheng).PostJson($"/api/inspections/{inspected.Str("id")}/rectification-check", new
        {
            version = inspected.GetProperty("version").GetInt64(), checkedOn = "2026-04-07", result = "rectified",
        })).Expect(HttpStatusCode.OK);
        Assert.That(check.GetProperty("version").GetInt64(), Is.GreaterThan(inspected.GetProperty("version").GetInt64()));

        var totals = await (await Api.Client("supervisor", Wenjiang).GetAsync($"/api/campaigns/{campaign.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(totals.GetProperty("totals").GetProperty("inspections").GetInt64(), Is.EqualTo(1), "the station's inspection counts for the district's campaign");
        await (await Api.Client("officer", Gongping).GetAsync($"/api/inspections/{inspected.Str("id")}")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_district_draw_takes_its_towns_venues_and_the_drawn_pair_inspects_there()
    {
        const string jinjiang = "510104", shuyuanjie = "510104021";
        var inTown = await Register(jinjiang, "书院街网吧", shuyuanjie);
        var inDistrict = await Register(jinjiang, "锦江区直网吧");
        await Register(Wenjiang, "温江网吧（不在锦江池中）");

        SetLocal(2026, 5, 6, 9);
        var draw = await (await Api.ZhangSanClient(jinjiang).PostJson("/api/draws", new
        {
            name = "锦江区 2026 年第二季度双随机", venueType = "internetCafe", count = 2, seed = 11,
            officers = Pair(jinjiang),
        })).Expect(HttpStatusCode.Created);
        Assert.That(draw.GetProperty("pool").EnumerateArray().Select(p => p.GetString()), Is.EquivalentTo(new[] { inTown.Str("id"), inDistrict.Str("id") }));

        SetLocal(2026, 5, 7, 18);
        var body = Inspection(inTown.Str("id"), new DateTimeOffset(2026, 5, 7, 10, 0, 0, TimeSpan.FromHours(8)), kind: "random", by: jinjiang);
        body["drawId"] = draw.Str("id");
        var inspected = await (await Api.ZhangSanClient(jinjiang).PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
        Assert.That(inspected.Str("jurisdiction"), Is.EqualTo(shuyuanjie));

        // The city draws only from venues of its own code, which it may act on.
        var city = await (await Api.ZhangSanClient(Chengdu).PostJson("/api/draws", new
        {
            name = "市级抽查", venueType = "internetCafe", count = 1, officers = Pair(Chengdu),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(city.FieldErrors("count"), Is.Not.Empty);
    }

    [Test]
    public async Task A_survey_registers_the_venue_found_in_its_town()
    {
        SetLocal(2026, 6, 1, 9);
        var campaign = await (await Api.Client("officer", Wenjiang).PostJson("/api/unlicensed-campaigns", new
        {
            name = "温江区无证网吧集中整治", startsOn = "2026-06-01", endsOn = "2026-08-31", venueTypes = new[] { "internetCafe" },
        })).Expect(HttpStatusCode.Created);
        var url = $"/api/unlicensed-campaigns/{campaign.Str("id")}/venues";
        SetLocal(2026, 6, 3, 15);
        var found = await (await Api.Client("officer", Wenjiang).PostJson(url, new
        {
            name = "寿安镇无名网吧", address = "寿安镇场镇街 12 号", type = "internetCafe", operatorName = "刘某", jurisdiction = "510115102", foundOn = "2026-06-03",
        })).Expect(HttpStatusCode.Created);
        var venue = await (await Api.Client("officer", "510115102").GetAsync($"/api/venues/{found.Str("venueId")}")).Expect(HttpStatusCode.OK);
        Assert.That(venue.Str("jurisdiction"), Is.EqualTo("510115102"), "the venue belongs to 寿安镇");
        Assert.That(venue.Str("licenseStatus"), Is.EqualTo("unlicensed"));

        var outside = await (await Api.Client("officer", Wenjiang).PostJson(url, new
        {
            name = "春熙路无名网吧", address = "春熙路 1 号", type = "internetCafe", operatorName = "陈某", jurisdiction = "510104020", foundOn = "2026-06-03",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(outside.FieldErrors("jurisdiction"), Has.Some.Contains("510104020"));
        var unknown = await (await Api.Client("officer", Wenjiang).PostJson(url, new
        {
            name = "无名网吧", address = "某镇", type = "internetCafe", operatorName = "陈某", jurisdiction = "510115996", foundOn = "2026-06-03",
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("jurisdiction"), Has.Some.Contains("510115996"));

        // A venue already registered as unlicensed in one of the district's towns is linked by its id.
        var known = await (await Api.Client("officer", Liucheng).PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = "柳城无证网吧", ["address"] = "柳城 3 号", ["type"] = "internetCafe", ["licenseStatus"] = "unlicensed",
        })).Expect(HttpStatusCode.Created);
        await (await Api.Client("officer", Wenjiang).PostJson(url, new { venueId = known.Str("id"), foundOn = "2026-06-03" })).Expect(HttpStatusCode.Created);
    }
}
