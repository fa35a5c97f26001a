using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.InspectionsFeature;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CampaignAndDrawTests(string provider) : ApiFixture(provider)
{
    private static readonly string[] ArcadeItems = ["GA-LIC", "GA-GAMBLE", "GA-MINOR", "GA-HOURS", "GA-FIRE"];

    // Each draw test works in a district of its own (a draw's pool is the caller's district), with that district's officers.
    protected override IEnumerable<TestUser> FixtureUsers => [.. Officers.Of(), .. Officers.Of("510121"), .. Officers.Of("510122"), .. Officers.Of("510123")];

    private static object[] FourOfficers(string district) =>
        [Officers.OnForm("zhangsan", district), Officers.OnForm("lisi", district), Officers.OnForm("wangwu", district), Officers.OnForm("zhaoliu", district)];

    private async Task<string> Venue(string name, string jurisdiction = "510115", string status = "licensed")
    {
        var created = await (await Api.Client("officer", jurisdiction).PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = name, ["address"] = "温江区南熏大道 " + name.Length + " 号", ["type"] = "gameArcade",
            ["licenseStatus"] = status, ["licenseNumber"] = status == "unlicensed" ? null : Licences.Unique("川娱〔2024〕7 号"),
        })).Expect(HttpStatusCode.Created);
        return created.Str("id");
    }

    private static Dictionary<string, object?> Arcade(string venueId, string date, string outcome = "compliant", string? violation = null,
        string district = Officers.Home) => new()
    {
        ["venueId"] = venueId,
        ["kind"] = "routine",
        ["startedAt"] = $"{date}T20:00:00+08:00",
        ["endedAt"] = $"{date}T20:45:00+08:00",
        ["officers"] = new[] { Officers.OnForm("zhangsan", district), Officers.OnForm("lisi", district) },
        ["results"] = ArcadeItems.Select(c => new Dictionary<string, object?>
        {
            ["itemCode"] = c, ["result"] = c == violation ? "violation" : "compliant", ["note"] = c == violation ? "发现违规" : null,
        }).ToList(),
        ["outcome"] = outcome,
    };

    [Test]
    public async Task A_campaign_totals_its_inspections_violations_seizures_and_closed_venues()
    {
        var officer = Api.ZhangSanClient();
        var campaign = await (await officer.PostJson("/api/campaigns", new
        {
            name = "打击违规游艺专项行动", description = "清查赌博功能游戏机", startsOn = "2026-06-01", endsOn = "2026-06-30",
        })).Expect(HttpStatusCode.Created);
        var id = campaign.Str("id");
        var a = await Venue("专项甲游艺厅");
        var b = await Venue("专项乙游艺厅", status: "unlicensed");

        var clean = Arcade(a, "2026-06-03");
        clean["kind"] = "campaign";
        clean["campaignId"] = id;
        await (await officer.PostJson("/api/inspections", clean)).Expect(HttpStatusCode.Created);
        var raid = Arcade(b, "2026-06-04", "caseLead", "GA-GAMBLE");
        raid["kind"] = "campaign";
        raid["campaignId"] = id;
        raid["caseLeadDescription"] = "设置具有赌博功能的电子游戏机";
        raid["seizures"] = new[] { new { item = "赌博游戏机", quantity = 6, unit = "台" }, new { item = "游戏币", quantity = 2000, unit = "枚" } };
        raid["venueClosed"] = true;
        await (await officer.PostJson("/api/inspections", raid)).Expect(HttpStatusCode.Created);
        var outside = Arcade(a, "2026-07-02");
        outside["campaignId"] = id;
        var problem = await (await officer.PostJson("/api/inspections", outside)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("campaignId"), Has.Some.Contains("不在专项行动期间"));

        var totals = (await (await officer.GetAsync($"/api/campaigns/{id}")).Expect(HttpStatusCode.OK)).GetProperty("totals");
        Assert.Multiple(() =>
        {
            Assert.That(totals.GetProperty("inspections").GetInt64(), Is.EqualTo(2));
            Assert.That(totals.GetProperty("inspectionsWithViolations").GetInt64(), Is.EqualTo(1));
            Assert.That(totals.GetProperty("violations").GetInt64(), Is.EqualTo(1));
            Assert.That(totals.GetProperty("caseLeads").GetInt64(), Is.EqualTo(1));
            Assert.That(totals.GetProperty("seizures").GetInt64(), Is.EqualTo(2));
            Assert.That(totals.GetProperty("venuesClosed").GetInt64(), Is.EqualTo(1));
        });
        var seized = (await (await officer.GetAsync($"/api/campaigns/{id}")).Expect(HttpStatusCode.OK)).GetProperty("seizedItems");
        Assert.That(seized.EnumerateArray().Select(s => $"{s.Str("item")}{s.GetProperty("quantity").GetInt64()}{s.Str("unit")}"),
            Is.EquivalentTo(new[] { "赌博游戏机6台", "游戏币2000枚" }));
        var members = await (await officer.GetAsync($"/api/inspections?campaignId={id}")).Expect(HttpStatusCode.OK);
        Assert.That(members.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        var list = await (await officer.GetAsync("/api/campaigns")).Expect(HttpStatusCode.OK);
        Assert.That(list.EnumerateArray().Select(c => c.Str("id")), Does.Contain(id));

        await (await Api.ZhangSanClient("510104").GetAsync($"/api/campaigns/{id}")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").PostJson("/api/campaigns", new { name = "x", startsOn = "2026-06-01", endsOn = "2026-06-30" }))
            .Expect(HttpStatusCode.Forbidden);
        var before = await Api.CountAsync("campaigns");
        var backwards = await (await officer.PostJson("/api/campaigns", new { name = "倒置", startsOn = "2026-06-30", endsOn = "2026-06-01" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(backwards.FieldErrors("endsOn"), Is.Not.Empty);
        Assert.That(await Api.CountAsync("campaigns"), Is.EqualTo(before));
    }

    private static IEnumerable<string> Picks(JsonElement draw) => draw.GetProperty("assignments").EnumerateArray()
        .Select(a => $"{a.Str("venueId")}|{a.Str("firstUserId")}|{a.Str("secondUserId")}");

    [Test]
    public async Task A_draw_with_the_same_seed_pool_and_officers_is_the_same_draw()
    {
        const string district = "510121";
        for (var i = 0; i < 8; i++) await Venue($"抽查池游艺厅{i}", district);
        await Venue("已注销游艺厅", district, status: "closed");
        var officer = Api.ZhangSanClient(district);
        var request = new { name = "2026 年第二季度双随机抽查", venueType = "gameArcade", count = 3, officers = FourOfficers(district), seed = 20260401 };

        var first = await (await officer.PostJson("/api/draws", request)).Expect(HttpStatusCode.Created);
        var second = await (await officer.PostJson("/api/draws", request)).Expect(HttpStatusCode.Created);
        Assert.That(first.GetProperty("seed").GetInt32(), Is.EqualTo(20260401));
        Assert.That(first.GetProperty("pool").GetArrayLength(), Is.EqualTo(8), "closed venues are not in the pool");
        Assert.That(Picks(second), Is.EqualTo(Picks(first)));
        Assert.That(first.GetProperty("reproducible").GetBoolean(), Is.True);
        foreach (var a in first.GetProperty("assignments").EnumerateArray())
            Assert.That(a.Str("firstUserId"), Is.Not.EqualTo(a.Str("secondUserId")));
        Assert.That(first.GetProperty("assignments").EnumerateArray().Select(a => a.Str("venueId")).Distinct().Count(), Is.EqualTo(3));

        var other = await (await officer.PostJson("/api/draws", new { request.name, request.venueType, request.count, request.officers, seed = 7 }))
            .Expect(HttpStatusCode.Created);
        Assert.That(Picks(other), Is.Not.EqualTo(Picks(first)));
        var unseeded = await (await officer.PostJson("/api/draws", new { request.name, request.count, request.officers })).Expect(HttpStatusCode.Created);
        var replay = await (await officer.PostJson("/api/draws",
            new { request.name, request.count, request.officers, seed = unseeded.GetProperty("seed").GetInt32() })).Expect(HttpStatusCode.Created);
        Assert.That(Picks(replay), Is.EqualTo(Picks(unseeded)));

        var reread = await (await officer.GetAsync($"/api/draws/{first.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(Picks(reread), Is.EqualTo(Picks(first)));
        Assert.That(reread.GetProperty("reproducible").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_random_inspection_is_carried_out_by_the_officers_drawn_for_that_venue()
    {
        const string district = "510123";
        for (var i = 0; i < 2; i++) await Venue($"派员游艺厅{i}", district);
        var officer = Api.ZhangSanClient(district);
        var four = FourOfficers(district);
        var draw = await (await officer.PostJson("/api/draws", new { name = "派员核对", count = 2, officers = four, seed = 5 }))
            .Expect(HttpStatusCode.Created);
        var assignment = draw.GetProperty("assignments")[0];
        var drawn = new[] { assignment.Str("firstUserId"), assignment.Str("secondUserId") };
        var all = four.Select(o => (string)o.GetType().GetProperty("userId")!.GetValue(o)!).ToList();
        var others = all.Where(u => !drawn.Contains(u)).ToList();
        object Form(string userId) => four.Single(o => (string)o.GetType().GetProperty("userId")!.GetValue(o)! == userId);

        var body = Arcade(assignment.Str("venueId"), "2026-11-03", district: district);
        body["kind"] = "random";
        body["drawId"] = draw.Str("id");
        body["officers"] = new[] { Form(others[0]), Form(others[1]) };
        var before = await Api.CountAsync("inspections");
        // The recorder must be listed, so a supervisor enters it for the wrong pair.
        var refused = await (await Api.Client("supervisor", district).PostJson("/api/inspections", body)).Expect(HttpStatusCode.BadRequest);
        Assert.That(refused.FieldErrors("officers"), Has.Some.Contains("抽中的执法人员"));
        Assert.That(await Api.CountAsync("inspections"), Is.EqualTo(before));

        body["officers"] = new[] { Form(drawn[0]), Form(drawn[1]) };
        await (await Api.Client("supervisor", district).PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_published_draw_shows_venues_officer_names_and_credentials_and_results_only()
    {
        const string district = "510122";
        for (var i = 0; i < 3; i++) await Venue($"公示游艺厅{i}", district);
        var officer = Api.ZhangSanClient(district);
        var draw = await (await officer.PostJson("/api/draws", new
        {
            name = "公示抽查", count = 2, seed = 99,
            officers = new[] { Officers.OnForm("zhangsan", district), Officers.OnForm("lisi", district) },
        })).Expect(HttpStatusCode.Created);
        var id = draw.Str("id");
        var drawn = draw.GetProperty("assignments")[0].Str("venueId");
        var notDrawn = draw.GetProperty("pool").EnumerateArray().Select(p => p.GetString()!)
            .First(p => draw.GetProperty("assignments").EnumerateArray().All(a => a.Str("venueId") != p));

        var inspection = Arcade(drawn, "2026-11-02", district: district);
        inspection["kind"] = "random";
        inspection["drawId"] = id;
        await (await officer.PostJson("/api/inspections", inspection)).Expect(HttpStatusCode.Created);
        var stray = Arcade(notDrawn, "2026-11-02", district: district);
        stray["kind"] = "random";
        stray["drawId"] = id;
        var refused = await (await officer.PostJson("/api/inspections", stray)).Expect(HttpStatusCode.BadRequest);
        Assert.That(refused.FieldErrors("drawId"), Has.Some.Contains("不在"));

        await (await officer.GetAsync($"/api/draws/{id}/public")).Expect(HttpStatusCode.Conflict);
        await (await officer.PostAsync($"/api/draws/{id}/publish", null)).Expect(HttpStatusCode.Forbidden);
        var supervisor = Api.Client("supervisor", district);
        await (await supervisor.PostAsync($"/api/draws/{id}/publish", null)).Expect(HttpStatusCode.OK);
        await (await supervisor.PostAsync($"/api/draws/{id}/publish", null)).Expect(HttpStatusCode.Conflict);

        var response = await Api.Client("clerk", district).GetAsync($"/api/draws/{id}/public");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var published = JsonDocument.Parse(text).RootElement;
        Assert.That(text, Does.Not.Contain(Officers.ZhangSan).And.Not.Contain(Officers.LiSi), "no user ids in what is published");
        var entries = published.GetProperty("entries").EnumerateArray().ToList();
        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[0].GetProperty("officers").EnumerateArray().Select(o => o.Str("credentialNumber")),
            Is.EquivalentTo(new[] { Officers.Credential("zhangsan", district), Officers.Credential("lisi", district) }));
        Assert.That(entries[0].Str("result"), Is.EqualTo("未发现问题"));
        Assert.That(entries[1].GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));

        await (await Api.Client("clerk", "510104").GetAsync($"/api/draws/{id}/public")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_draw_that_asks_for_more_venues_than_the_pool_or_too_few_officers_is_refused_and_writes_nothing()
    {
        const string district = "510123";
        await Venue("小池游艺厅", district);
        var officer = Api.ZhangSanClient(district);
        var before = new[] { await Api.CountAsync("random_draws"), await Api.CountAsync("audit_entries") };

        var tooMany = await (await officer.PostJson("/api/draws", new { name = "超量", count = 5, officers = FourOfficers(district) })).Expect(HttpStatusCode.BadRequest);
        Assert.That(tooMany.FieldErrors("count"), Has.Some.Contains("只有 1 家"));
        var alone = await (await officer.PostJson("/api/draws", new { name = "单人", count = 1, officers = new[] { Officers.OnForm("zhangsan", district) } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(alone.FieldErrors("officers"), Is.Not.Empty);
        await (await Api.Client("clerk", district).PostJson("/api/draws", new { name = "窗口", count = 1, officers = FourOfficers(district) }))
            .Expect(HttpStatusCode.Forbidden);

        Assert.That(new[] { await Api.CountAsync("random_draws"), await Api.CountAsync("audit_entries") }, Is.EqualTo(before));
    }
}
