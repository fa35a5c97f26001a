using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Users;

/// <summary>
/// The people a request names to do the work are users: active, of a jurisdiction the caller's covers,
/// holding the role the work needs. Their names and credential numbers are recorded from the users table.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class NamedOfficerTests(string provider) : UserFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers =>
    [
        .. Officers.Of(),
        new("waiqu", "外区执法", ["officer"], "510104", "51010408401"),
        new("chuangkou", "窗口小王", ["clerk"], "510115"),
        new("tingzhi", "停职执法", ["officer"], "510115", "51011508402"),
    ];

    private async Task<string> VenueAsync(string name)
    {
        var venue = await (await Api.Client("officer").PostJson("/api/venues", new
        {
            name, address = "温江区柳城大道 9 号", type = "internetCafe", licenseStatus = "licensed", licenseNumber = Licences.Unique("川网文 0009 号"),
        })).Expect(HttpStatusCode.Created);
        return venue.Str("id");
    }

    private static async Task<string[]> ItemsAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/checklists/internetCafe")).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(i => i.Str("code")).ToArray();

    private static object Inspection(string venueId, string[] items, params object[] officers) => new
    {
        venueId, kind = "routine", startedAt = "2026-03-01T10:00:00+08:00", endedAt = "2026-03-01T10:40:00+08:00",
        officers, results = items.Select(c => new { itemCode = c, result = "compliant" }), outcome = "compliant",
    };

    private async Task<long[]> CountsAsync() =>
        [await Api.CountAsync("inspections"), await Api.CountAsync("inspection_officers"), await Api.CountAsync("audit_entries")];

    private async Task DeactivateAsync(string id)
    {
        var user = await (await Admin().GetAsync($"/api/users/{id}")).Expect(HttpStatusCode.OK);
        if (!user.GetProperty("active").GetBoolean()) return;
        await (await Admin().PutJson($"/api/users/{id}", new
        {
            displayName = user.Str("displayName"), roles = user.GetProperty("roles"), jurisdiction = user.Str("jurisdiction"),
            credentialNumber = user.Str("credentialNumber"), active = false, version = user.GetProperty("version").GetInt64(),
        })).Expect(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_officer_picks_co_inspectors_from_the_active_officers_with_credentials_of_their_jurisdiction()
    {
        await DeactivateAsync("tingzhi");
        var officer = Api.ZhangSanClient();
        var listed = (await (await officer.GetAsync("/api/officers")).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        var ids = listed.Select(o => o.Str("id")).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.SupersetOf(new[] { "zhangsan", "lisi", "wangwu", "zhaoliu" }));
            Assert.That(ids, Has.None.EqualTo("waiqu"), "another district's officer");
            Assert.That(ids, Has.None.EqualTo("chuangkou"), "a clerk");
            Assert.That(ids, Has.None.EqualTo("tingzhi"), "a deactivated officer");
            Assert.That(listed.Single(o => o.Str("id") == "lisi").Str("credentialNumber"), Is.EqualTo(Officers.Credential("lisi")));
            Assert.That(listed.Single(o => o.Str("id") == "lisi").Str("displayName"), Is.EqualTo("李四"));
            Assert.That(listed.Select(o => o.Str("jurisdiction")), Has.All.StartWith("510115"));
        });
        // Another district sees its own, a clerk none.
        var other = (await (await Api.Client("officer", "510104").GetAsync("/api/officers")).Expect(HttpStatusCode.OK))
            .EnumerateArray().Select(o => o.Str("id")).ToArray();
        Assert.That(other, Does.Contain("waiqu").And.Not.Contain("zhangsan"));
        await (await Api.Client("clerk").GetAsync("/api/officers")).Expect(HttpStatusCode.Forbidden);

        // Whoever is listed may be named on an inspection.
        var venue = await VenueAsync("同行人员网吧");
        var items = await ItemsAsync(officer);
        var second = ids.First(id => id != "zhangsan");
        var recorded = await (await officer.PostJson("/api/inspections", Inspection(venue, items, new { userId = "zhangsan" }, new { userId = second })))
            .Expect(HttpStatusCode.Created);
        Assert.That(recorded.GetProperty("officers").EnumerateArray().Select(o => o.Str("userId")), Is.EqualTo(new[] { "zhangsan", second }));
    }

    [Test]
    public async Task An_inspection_names_only_active_officers_of_the_callers_jurisdiction_in_chinese_and_english()
    {
        await DeactivateAsync("tingzhi");
        var venue = await VenueAsync("点名核对网吧");
        var officer = Api.ZhangSanClient();
        var items = await ItemsAsync(officer);
        var before = await CountsAsync();

        async Task<string[]> Refused(object second, string field, string? language = null)
        {
            var client = language is null ? officer : Api.ZhangSanClient();
            if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var problem = await (await client.PostJson("/api/inspections", Inspection(venue, items, Officers.ZhangSanOnForm, second)))
                .Expect(HttpStatusCode.BadRequest);
            return problem.FieldErrors(field);
        }

        Assert.That(await Refused(new { userId = "nobody" }, "officers[1].userId"), Is.EqualTo(new[] { "执法人员 nobody 不是本辖区的在职用户" }));
        Assert.That(await Refused(new { userId = "nobody" }, "officers[1].userId", "en"),
            Is.EqualTo(new[] { "Officer nobody is not an active user of your jurisdiction" }));
        Assert.That(await Refused(new { userId = "waiqu" }, "officers[1].userId"), Is.EqualTo(new[] { "执法人员 waiqu 不是本辖区的在职用户" }),
            "an officer of another district");
        Assert.That(await Refused(new { userId = "tingzhi" }, "officers[1].userId"), Is.EqualTo(new[] { "执法人员 tingzhi 不是本辖区的在职用户" }),
            "a deactivated officer");
        Assert.That(await Refused(new { userId = "chuangkou" }, "officers[1].userId"), Is.EqualTo(new[] { "窗口小王（chuangkou）不是执法人员" }));
        Assert.That(await Refused(new { userId = "chuangkou" }, "officers[1].userId", "en"), Is.EqualTo(new[] { "chuangkou is not an officer" }));
        Assert.That(await Refused(new { userId = Officers.LiSi, name = "李斯" }, "officers[1].name"), Has.Some.Contains("李四"));
        Assert.That(await CountsAsync(), Is.EqualTo(before), "nothing written");

        // Named by login alone: the name and credential number on record are what is kept.
        var created = await (await officer.PostJson("/api/inspections", Inspection(venue, items, new { userId = Officers.ZhangSan }, new { userId = Officers.LiSi })))
            .Expect(HttpStatusCode.Created);
        Assert.That(created.GetProperty("officers").EnumerateArray().Select(o => (o.Str("userId"), o.Str("name"), o.Str("credentialNumber"))),
            Is.EqualTo(new[] { ("zhangsan", "张三", "51011500123"), ("lisi", "李四", "51011500124") }));
    }

    [Test]
    public async Task A_draw_draws_only_from_active_officers_of_the_callers_district()
    {
        await VenueAsync("抽查点名网吧");
        var before = await Api.CountAsync("random_draws");
        var problem = await (await Api.ZhangSanClient().PostJson("/api/draws", new
        {
            name = "点名抽查", count = 1, officers = new object[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm, new { userId = "waiqu" } },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("officers[2].userId"), Is.EqualTo(new[] { "执法人员 waiqu 不是本辖区的在职用户" }));
        Assert.That(await Api.CountAsync("random_draws"), Is.EqualTo(before));
        var drawn = await (await Api.ZhangSanClient().PostJson("/api/draws", new
        {
            name = "点名抽查", count = 1, officers = new object[] { new { userId = Officers.ZhangSan }, new { userId = Officers.LiSi } },
        })).Expect(HttpStatusCode.Created);
        Assert.That(drawn.GetProperty("officers").EnumerateArray().Select(o => o.Str("name")), Is.EquivalentTo(new[] { "张三", "李四" }));
    }

    [Test]
    public async Task A_case_officer_named_on_a_lead_is_an_active_officer_of_the_district()
    {
        var lead = new Dictionary<string, object?>
        {
            ["source"] = "complaint", ["sourceReference"] = "区长信箱 2026-031",
            ["party"] = new { kind = "person", name = "王某" }, ["violationCode"] = "cafe-minors-admitted",
            ["facts"] = "群众举报该网吧接纳未成年人上网。", ["occurredOn"] = "2026-02-27",
        };
        var supervisor = Api.Client("supervisor");
        var assigned = await (await supervisor.PostJson("/api/cases", new Dictionary<string, object?>(lead) { ["officerId"] = Officers.LiSi }))
            .Expect(HttpStatusCode.Created);
        Assert.That((assigned.Str("officerId"), assigned.Str("officerName")), Is.EqualTo(("lisi", "李四")));
        var clerk = await (await supervisor.PostJson("/api/cases", new Dictionary<string, object?>(lead) { ["officerId"] = "chuangkou" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(clerk.FieldErrors("officerId"), Is.EqualTo(new[] { "窗口小王（chuangkou）不是执法人员" }));
        var own = await (await Api.ZhangSanClient().PostJson("/api/cases", lead)).Expect(HttpStatusCode.Created);
        Assert.That(own.Str("officerId"), Is.EqualTo("zhangsan"), "left out, the case officer is whoever records the lead");
    }

    [Test]
    public async Task A_supervisor_reads_the_queue_of_an_active_clerk_of_the_district_only()
    {
        var supervisor = Api.Client("supervisor");
        await (await supervisor.GetAsync("/api/permits/queue?clerkId=chuangkou")).Expect(HttpStatusCode.OK);
        var unknown = await (await supervisor.GetAsync("/api/permits/queue?clerkId=nobody")).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("clerkId"), Is.EqualTo(new[] { "经办人 nobody 不是本辖区的在职用户" }));
        var officer = await (await supervisor.GetAsync("/api/permits/queue?clerkId=lisi")).Expect(HttpStatusCode.BadRequest);
        Assert.That(officer.FieldErrors("clerkId"), Is.EqualTo(new[] { "李四（lisi）不是窗口人员或科长" }));
    }
}
