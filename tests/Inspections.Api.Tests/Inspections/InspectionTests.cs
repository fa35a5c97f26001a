using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.InspectionsFeature;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class InspectionTests(string provider) : ApiFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private static readonly string[] InternetCafeItems = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];

    private async Task<string> RegisterVenue(string name, string type = "internetCafe", string jurisdiction = "510115")
    {
        var body = new Dictionary<string, object?>
        {
            // Its own address: a test registering the same name twice means two venues, not a duplicate.
            ["name"] = name, ["address"] = Licences.Unique("温江区柳城大道 88 号"), ["type"] = type,
            ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("川网文〔2024〕0115 号"),
        };
        var created = await (await Api.Client("officer", jurisdiction).PostJson("/api/venues", body)).Expect(HttpStatusCode.Created);
        return created.Str("id");
    }

    private static List<Dictionary<string, object?>> AllCompliant(IEnumerable<string> codes) =>
        codes.Select(c => new Dictionary<string, object?> { ["itemCode"] = c, ["result"] = "compliant" }).ToList();

    private static Dictionary<string, object?> Inspection(string venueId, DateTimeOffset? start = null) => new()
    {
        ["venueId"] = venueId,
        ["kind"] = "routine",
        ["startedAt"] = start ?? new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)),
        ["endedAt"] = (start ?? new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8))).AddMinutes(40),
        ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
        ["location"] = "温江区柳城大道 88 号",
        ["latitude"] = 30.6824,
        ["longitude"] = 103.8562,
        ["results"] = AllCompliant(InternetCafeItems),
        ["outcome"] = "compliant",
    };

    private static Dictionary<string, object?> With(Dictionary<string, object?> body, string key, object? value) =>
        new(body) { [key] = value };

    private static Dictionary<string, object?> WithViolation(Dictionary<string, object?> body, string code, string? note)
    {
        var results = AllCompliant(InternetCafeItems);
        results.Single(r => (string)r["itemCode"]! == code)["result"] = "violation";
        results.Single(r => (string)r["itemCode"]! == code)["note"] = note;
        return With(body, "results", results);
    }

    [Test]
    public async Task Seeded_checklists_carry_the_items_of_the_field_with_their_legal_basis()
    {
        var cafe = await (await Api.Client("officer").GetAsync("/api/checklists/internetCafe")).Expect(HttpStatusCode.OK);
        Assert.That(cafe.GetProperty("version").GetInt32(), Is.EqualTo(1));
        var items = cafe.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.Str("code")), Is.EqualTo(InternetCafeItems));
        var minors = items.Single(i => i.Str("code") == "IC-MINOR");
        Assert.That(minors.Str("text"), Does.Contain("未成年人"));
        Assert.That(minors.Str("legalBasis"), Is.EqualTo("《互联网上网服务营业场所管理条例》第二十一条"));
        Assert.That(items.Single(i => i.Str("code") == "IC-HOURS").Str("legalBasis"), Does.Contain("第二十二条"));

        var ktv = await (await Api.Client("clerk").GetAsync("/api/checklists/songAndDance")).Expect(HttpStatusCode.OK);
        Assert.That(ktv.GetProperty("items").EnumerateArray().Select(i => i.Str("legalBasis")),
            Has.Some.EqualTo("《娱乐场所管理条例》第二十八条"));
        foreach (var type in new[] { "gameArcade", "bookshop", "audioVideoRetail", "printShop", "performanceVenue" })
            await (await Api.Client("officer").GetAsync($"/api/checklists/{type}")).Expect(HttpStatusCode.OK);
        await (await Api.Client("officer").GetAsync("/api/checklists/bar")).Expect(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Officer_records_an_inspection_and_finds_it_by_venue_officer_period_kind_and_outcome()
    {
        var venue = await RegisterVenue("检查登记网吧");
        var officer = Api.ZhangSanClient();
        var created = await (await officer.PostJson("/api/inspections", Inspection(venue))).Expect(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Multiple(() =>
        {
            Assert.That(created.Str("venueName"), Is.EqualTo("检查登记网吧"));
            Assert.That(created.Str("outcome"), Is.EqualTo("compliant"));
            Assert.That(created.GetProperty("violations").GetInt32(), Is.Zero);
            Assert.That(created.GetProperty("checklistVersion").GetInt32(), Is.EqualTo(1));
            Assert.That(created.GetProperty("officers").EnumerateArray().Select(o => o.Str("credentialNumber")),
                Is.EqualTo(new[] { "51011500123", "51011500124" }));
            Assert.That(created.GetProperty("results").GetArrayLength(), Is.EqualTo(InternetCafeItems.Length));
            Assert.That(created.GetProperty("results")[1].Str("legalBasis"), Does.Contain("第二十一条"));
            Assert.That(created.GetProperty("latitude").GetDouble(), Is.EqualTo(30.6824).Within(1e-9));
            Assert.That(created.Str("recordedBy"), Is.EqualTo(Officers.ZhangSan));
            Assert.That(created.GetProperty("caseLead").GetBoolean(), Is.False);
        });

        await (await officer.GetAsync($"/api/inspections/{id}")).Expect(HttpStatusCode.OK);
        async Task<IEnumerable<string>> Found(string query) =>
            (await (await officer.GetAsync("/api/inspections?" + query)).Expect(HttpStatusCode.OK))
                .GetProperty("items").EnumerateArray().Select(i => i.Str("id"));
        Assert.That(await Found($"venueId={venue}"), Is.EqualTo(new[] { id }));
        Assert.That(await Found($"venueId={venue}&officer={Officers.LiSi}&kind=routine&outcome=compliant&from=2026-03-02&to=2026-03-02"), Is.EqualTo(new[] { id }));
        Assert.That(await Found($"venueId={venue}&officer=someone-else"), Is.Empty);
        Assert.That(await Found($"venueId={venue}&from=2026-03-03"), Is.Empty);
        Assert.That(await Found($"venueId={venue}&to=2026-03-01"), Is.Empty);
        Assert.That(await Found($"venueId={venue}&kind=joint"), Is.Empty);
        Assert.That(await Found($"venueId={venue}&outcome=caseLead"), Is.Empty);
        var history = await (await officer.GetAsync($"/api/venues/{venue}/inspections")).Expect(HttpStatusCode.OK);
        Assert.That(history.GetProperty("items").EnumerateArray().Select(i => i.Str("id")), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task A_venue_history_pages_newest_first_with_a_cursor()
    {
        var venue = await RegisterVenue("分页历史网吧");
        var officer = Api.ZhangSanClient();
        var ids = new List<string>();
        for (var day = 1; day <= 3; day++)
        {
            var start = new DateTimeOffset(2026, 4, day, 9, 0, 0, TimeSpan.FromHours(8));
            ids.Add((await (await officer.PostJson("/api/inspections", Inspection(venue, start))).Expect(HttpStatusCode.Created)).Str("id"));
        }
        var first = await (await officer.GetAsync($"/api/venues/{venue}/inspections?limit=2")).Expect(HttpStatusCode.OK);
        Assert.That(first.GetProperty("items").EnumerateArray().Select(i => i.Str("id")), Is.EqualTo(new[] { ids[2], ids[1] }));
        var cursor = first.Str("nextCursor");
        var second = await (await officer.GetAsync($"/api/venues/{venue}/inspections?limit=2&cursor={cursor}")).Expect(HttpStatusCode.OK);
        Assert.That(second.GetProperty("items").EnumerateArray().Select(i => i.Str("id")), Is.EqualTo(new[] { ids[0] }));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        await (await officer.GetAsync($"/api/inspections?cursor=not-a-cursor")).Expect(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_violation_ends_in_a_rectification_notice_due_after_natural_days()
    {
        var venue = await RegisterVenue("整改通知网吧");
        var body = WithViolation(Inspection(venue), "IC-MINOR", "现场发现 2 名未成年人上网");
        body["outcome"] = "rectificationNotice";
        body["rectification"] = new { issuedOn = "2026-03-02", limitDays = 15, requirements = "立即清退未成年人，完善入口核验" };
        var created = await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("violations").GetInt32(), Is.EqualTo(1));
            Assert.That(created.Str("rectificationIssuedOn"), Is.EqualTo("2026-03-02"));
            Assert.That(created.GetProperty("rectificationLimitDays").GetInt32(), Is.EqualTo(15));
            Assert.That(created.Str("rectificationDueOn"), Is.EqualTo("2026-03-17"));
            var minors = created.GetProperty("results").EnumerateArray().Single(r => r.Str("itemCode") == "IC-MINOR");
            Assert.That(minors.Str("result"), Is.EqualTo("violation"));
            Assert.That(minors.Str("note"), Is.EqualTo("现场发现 2 名未成年人上网"));
        });
    }

    [Test]
    public async Task A_notice_due_in_the_national_day_holiday_is_due_on_the_next_working_day()
    {
        var venue = await RegisterVenue("国庆整改网吧");
        var body = WithViolation(Inspection(venue, new DateTimeOffset(2026, 9, 21, 15, 0, 0, TimeSpan.FromHours(8))), "IC-ID", "未核对登记上网人员身份证件");
        body["outcome"] = "rectificationNotice";
        body["rectification"] = new { limitDays = 10, requirements = "落实实名登记" };
        var created = await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
        Assert.That(created.Str("rectificationIssuedOn"), Is.EqualTo("2026-09-21"));
        Assert.That(created.Str("rectificationDueOn"), Is.EqualTo("2026-10-08"), "10 natural days end on 2026-10-01, a holiday");
    }

    [Test]
    public async Task A_case_lead_a_referral_and_seizures_are_recorded()
    {
        var venue = await RegisterVenue("案件线索网吧");
        var body = WithViolation(Inspection(venue), "IC-LIC", "未取得《网络文化经营许可证》擅自经营");
        body["kind"] = "joint";
        body["jointDepartments"] = new[] { "commerce", "police" };
        body["outcome"] = "caseLead";
        body["caseLeadDescription"] = "涉嫌无证经营互联网上网服务";
        body["seizures"] = new[] { new { item = "电脑主机", quantity = 10, unit = "台" } };
        body["venueClosed"] = true;
        var lead = await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(lead.GetProperty("caseLead").GetBoolean(), Is.True);
            Assert.That(lead.Str("caseLeadDescription"), Is.EqualTo("涉嫌无证经营互联网上网服务"));
            Assert.That(lead.GetProperty("jointDepartments").EnumerateArray().Select(d => d.GetString()), Is.EqualTo(new[] { "commerce", "police" }));
            Assert.That(lead.GetProperty("seizures")[0].GetProperty("quantity").GetInt32(), Is.EqualTo(10));
            Assert.That(lead.GetProperty("venueClosed").GetBoolean(), Is.True);
        });

        var referral = WithViolation(Inspection(venue), "IC-FIRE", "安全出口被杂物堵塞");
        referral["outcome"] = "referral";
        referral["referral"] = new { department = "区消防救援大队", note = "函告消防部门处理" };
        var referred = await (await Api.ZhangSanClient().PostJson("/api/inspections", referral)).Expect(HttpStatusCode.Created);
        Assert.That(referred.Str("referralDepartment"), Is.EqualTo("区消防救援大队"));
    }

    private static IEnumerable<TestCaseData> InvalidInspections()
    {
        var v = "{venue}";
        yield return new TestCaseData("officers", With(Inspection(v), "officers", new[] { Officers.ZhangSanOnForm }), "两名").SetName("{m}(one officer)");
        yield return new TestCaseData("officers[1].userId",
            With(Inspection(v), "officers", new object[] { Officers.ZhangSanOnForm, new { userId = "nobody" } }), "nobody 不是本辖区的在职用户").SetName("{m}(an officer who is not a user)");
        yield return new TestCaseData("officers[1].credentialNumber",
            With(Inspection(v), "officers", new object[] { Officers.ZhangSanOnForm, new { userId = "lisi", credentialNumber = "51011599999" } }), "51011500124").SetName("{m}(a credential number not on record)");
        yield return new TestCaseData("officers",
            With(Inspection(v), "officers", new[] { Officers.ZhangSanOnForm, Officers.ZhangSanOnForm }), "重复").SetName("{m}(same officer twice)");
        yield return new TestCaseData("results", With(Inspection(v), "results", AllCompliant(InternetCafeItems.Skip(1))), "IC-LIC").SetName("{m}(an item left unanswered)");
        yield return new TestCaseData("results", With(Inspection(v), "results", AllCompliant([.. InternetCafeItems, "KTV-DOORS"])), "KTV-DOORS").SetName("{m}(an item of another checklist)");
        yield return new TestCaseData("results[1].note", WithViolation(With(Inspection(v), "outcome", "correctedOnSpot"), "IC-MINOR", null), "违规").SetName("{m}(violation without a note)");
        yield return new TestCaseData("results[0].result", With(Inspection(v), "results", AllCompliant(InternetCafeItems).Select((r, i) => i == 0 ? new Dictionary<string, object?>(r) { ["result"] = "maybe" } : r).ToList()), "未知").SetName("{m}(unknown result)");
        yield return new TestCaseData("outcome", WithViolation(Inspection(v), "IC-MINOR", "未成年人"), "不符").SetName("{m}(compliant outcome with a violation)");
        yield return new TestCaseData("outcome", With(Inspection(v), "outcome", "correctedOnSpot"), "不符").SetName("{m}(corrective outcome without a violation)");
        yield return new TestCaseData("rectification", WithViolation(With(Inspection(v), "outcome", "rectificationNotice"), "IC-ID", "未登记身份证"), "整改").SetName("{m}(rectification notice without its limit)");
        yield return new TestCaseData("rectification.limitDays", With(WithViolation(With(Inspection(v), "outcome", "rectificationNotice"), "IC-ID", "未登记身份证"), "rectification", new { limitDays = 0, requirements = "整改" }), "").SetName("{m}(rectification limit of zero days)");
        yield return new TestCaseData("caseLeadDescription", WithViolation(With(Inspection(v), "outcome", "caseLead"), "IC-LIC", "无证"), "线索").SetName("{m}(case lead without description)");
        yield return new TestCaseData("endedAt", With(Inspection(v), "endedAt", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8))), "晚于").SetName("{m}(ends before it starts)");
        yield return new TestCaseData("campaignId", With(Inspection(v), "kind", "campaign"), "专项行动").SetName("{m}(campaign kind without campaign)");
        yield return new TestCaseData("jointDepartments", With(Inspection(v), "kind", "joint"), "部门").SetName("{m}(joint kind without departments)");
        yield return new TestCaseData("kind", With(Inspection(v), "kind", "surprise"), "未知的检查类型").SetName("{m}(unknown kind)");
        yield return new TestCaseData("latitude", With(Inspection(v), "latitude", 123.0), "").SetName("{m}(latitude out of range)");
        yield return new TestCaseData("startedAt", With(Inspection(v), "startedAt", "yesterday"), "格式不正确").SetName("{m}(start not a date)");
        yield return new TestCaseData("campaignId", With(Inspection(v), "campaignId", Guid.Empty.ToString()), "").SetName("{m}(unknown campaign)");
    }

    [TestCaseSource(nameof(InvalidInspections))]
    public async Task Invalid_inspection_is_refused_with_a_field_error_and_writes_nothing(string field, Dictionary<string, object?> body, string messagePart)
    {
        var venue = await RegisterVenue("校验失败网吧");
        body = new Dictionary<string, object?>(body) { ["venueId"] = venue };
        var before = await Counts();

        var problem = await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.BadRequest);

        Assert.That(problem.FieldErrors(field), Has.Some.Contains(messagePart), problem.ToString());
        Assert.That(await Counts(), Is.EqualTo(before));
    }

    private async Task<long[]> Counts() =>
    [
        await Api.CountAsync("inspections"), await Api.CountAsync("inspection_officers"),
        await Api.CountAsync("inspection_results"), await Api.CountAsync("inspection_seizures"), await Api.CountAsync("audit_entries"),
    ];

    [Test]
    public async Task A_clerk_may_not_record_or_read_inspections()
    {
        var venue = await RegisterVenue("窗口不查网吧");
        var before = await Counts();
        await (await Api.Client("clerk").PostJson("/api/inspections", Inspection(venue))).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync("/api/inspections")).Expect(HttpStatusCode.Forbidden);
        Assert.That(await Counts(), Is.EqualTo(before));
    }

    [Test]
    public async Task Officers_of_another_district_can_neither_read_nor_record()
    {
        var venue = await RegisterVenue("外区不可见网吧");
        var created = await (await Api.ZhangSanClient().PostJson("/api/inspections", Inspection(venue))).Expect(HttpStatusCode.Created);
        var stranger = Api.ZhangSanClient(jurisdiction: "510104");
        var before = await Counts();

        await (await stranger.GetAsync($"/api/inspections/{created.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        await (await stranger.GetAsync($"/api/venues/{venue}/inspections")).Expect(HttpStatusCode.Forbidden);
        await (await stranger.GetAsync("/api/inspections?jurisdiction=510115")).Expect(HttpStatusCode.Forbidden);
        await (await stranger.PostJson("/api/inspections", Inspection(venue))).Expect(HttpStatusCode.Forbidden);
        var own = await (await stranger.GetAsync("/api/inspections")).Expect(HttpStatusCode.OK);
        Assert.That(own.GetProperty("items").EnumerateArray().Select(i => i.Str("id")), Has.None.EqualTo(created.Str("id")));
        Assert.That(await Counts(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_officer_records_only_inspections_they_took_part_in_but_a_supervisor_may_enter_them_for_others()
    {
        var venue = await RegisterVenue("代录检查网吧");
        var before = await Counts();
        var wangwu = Api.As("wangwu", "王五", "51011500125");
        var problem = await (await wangwu.PostJson("/api/inspections", Inspection(venue))).Expect(HttpStatusCode.Forbidden);
        Assert.That(problem.Str("detail"), Does.Contain("本人参加"));
        var wrongCredential = await (await Api.ZhangSanClient().PostJson("/api/inspections", With(Inspection(venue), "officers",
            new object[] { new { userId = Officers.ZhangSan, name = "张三", credentialNumber = "51011599999" }, Officers.LiSiOnForm })))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(wrongCredential.FieldErrors("officers[0].credentialNumber"), Has.Some.Contains("51011599999").And.Some.Contains("51011500123"));
        Assert.That(await Counts(), Is.EqualTo(before));

        var entered = await (await Api.Client("supervisor").PostJson("/api/inspections", Inspection(venue))).Expect(HttpStatusCode.Created);
        Assert.That(entered.Str("recordedBy"), Is.EqualTo("supervisor-510115"));
    }

    [Test]
    public async Task Publishing_a_new_checklist_version_leaves_past_inspections_as_they_were()
    {
        var venue = await RegisterVenue("版本测试书店", type: "printShop");
        var v1 = await (await Api.Client("officer").GetAsync("/api/checklists/printShop")).Expect(HttpStatusCode.OK);
        var v1Codes = v1.GetProperty("items").EnumerateArray().Select(i => i.Str("code")).ToList();
        var body = With(Inspection(venue), "results", AllCompliant(v1Codes));
        var past = await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);

        var newVersion = new
        {
            venueType = "printShop",
            title = "印刷复印经营单位检查表（修订）",
            items = new[]
            {
                new { code = "PR-LIC", text = "持有《印刷经营许可证》", legalBasis = "《印刷业管理条例》第九条" },
                new { code = "PR-ID", text = "复印身份证件按规定登记", legalBasis = "《印刷业管理条例》第十九条" },
            },
        };
        await (await Api.Client("officer").PostJson("/api/checklists", newVersion)).Expect(HttpStatusCode.Forbidden);
        var v2 = await (await Api.Client("admin").PostJson("/api/checklists", newVersion)).Expect(HttpStatusCode.Created);
        Assert.That(v2.GetProperty("version").GetInt32(), Is.EqualTo(v1.GetProperty("version").GetInt32() + 1));

        var reread = await (await Api.ZhangSanClient().GetAsync($"/api/inspections/{past.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(reread.GetProperty("checklistVersion").GetInt32(), Is.EqualTo(v1.GetProperty("version").GetInt32()));
        Assert.That(reread.GetProperty("results").EnumerateArray().Select(r => r.Str("itemCode")), Is.EqualTo(v1Codes));
        var old = await (await Api.Client("officer").GetAsync($"/api/checklists/printShop?version={v1.GetProperty("version").GetInt32()}")).Expect(HttpStatusCode.OK);
        Assert.That(old.GetProperty("items").GetArrayLength(), Is.EqualTo(v1Codes.Count));

        var stale = With(body, "checklistVersion", v1.GetProperty("version").GetInt32());
        var conflict = await (await Api.ZhangSanClient().PostJson("/api/inspections", stale)).Expect(HttpStatusCode.Conflict);
        Assert.That(conflict.Str("detail"), Does.Contain("检查表已更新"));
        var current = With(body, "results", AllCompliant(["PR-LIC", "PR-ID"]));
        await (await Api.ZhangSanClient().PostJson("/api/inspections", current)).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task Unknown_inspection_is_404()
    {
        await (await Api.ZhangSanClient().GetAsync($"/api/inspections/{Guid.CreateVersion7()}")).Expect(HttpStatusCode.NotFound);
    }
}
