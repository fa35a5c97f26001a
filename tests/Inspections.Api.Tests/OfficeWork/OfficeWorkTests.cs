using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.OfficeWork;

/// <summary>
/// The office's own records (issue 14 part 2): trainings, publicity events, letters answered with their limits on the
/// working calendar (State Council holiday arrangements for 2025: National Day 10-01..10-08, make-up days Sun 09-28 and
/// Sat 10-11), and seizures by the district or a town's station.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class OfficeWorkTests(string provider) : CaseFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private HttpClient Station() => Api.Client("officer", "510115001");

    private static object Training(string heldOn, string subject = "网吧经营业主法律法规培训", string? jurisdiction = null) => new
    {
        heldOn, subject, venueTypes = new[] { "internetCafe", "songAndDance" }, attendees = 86, place = "区文化馆三楼会议室", jurisdiction,
    };

    [Test]
    public async Task A_training_is_recorded_read_back_and_listed_latest_first_a_page_at_a_time()
    {
        SetLocal(2026, 3, 20);
        var first = await (await Officer().PostJson("/api/trainings", Training("2026-03-10"))).Expect(HttpStatusCode.Created);
        var second = await (await Officer().PostJson("/api/trainings", Training("2026-03-18", "娱乐场所管理条例培训"))).Expect(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(first.Str("heldOn"), Is.EqualTo("2026-03-10"));
            Assert.That(first.GetProperty("attendees").GetInt32(), Is.EqualTo(86));
            Assert.That(first.GetProperty("venueTypeNames").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "互联网上网服务营业场所", "歌舞娱乐场所" }));
            Assert.That(first.Str("jurisdiction"), Is.EqualTo("510115"));
        });
        var got = await (await Supervisor().GetAsync($"/api/trainings/{first.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(got.Str("subject"), Is.EqualTo("网吧经营业主法律法规培训"));

        var page1 = await (await Officer().GetAsync("/api/trainings?from=2026-03-01&to=2026-03-31&limit=1")).Expect(HttpStatusCode.OK);
        Assert.That(page1.GetProperty("items")[0].Str("id"), Is.EqualTo(second.Str("id")), "latest first");
        var cursor = page1.Str("nextCursor");
        var page2 = await (await Officer().GetAsync($"/api/trainings?from=2026-03-01&to=2026-03-31&limit=1&cursor={cursor}")).Expect(HttpStatusCode.OK);
        Assert.That(page2.GetProperty("items")[0].Str("id"), Is.EqualTo(first.Str("id")));
        Assert.That(page2.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var outside = await (await Officer().GetAsync("/api/trainings?from=2026-03-11&to=2026-03-17")).Expect(HttpStatusCode.OK);
        Assert.That(outside.GetProperty("items").GetArrayLength(), Is.Zero);

        var elsewhere = await (await Officer("510104").GetAsync("/api/trainings")).Expect(HttpStatusCode.OK);
        Assert.That(elsewhere.GetProperty("items").EnumerateArray().Select(i => i.Str("id")), Has.No.Member(first.Str("id")));
        await (await Officer("510104").GetAsync($"/api/trainings/{first.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync("/api/trainings")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Bad_trainings_and_publicity_are_refused_with_field_errors_in_Chinese()
    {
        SetLocal(2026, 3, 20);
        var before = await Api.CountAsync("office_trainings");
        var problem = await (await Officer().PostJson("/api/trainings", new { heldOn = "2026-03-10", subject = "", venueTypes = new[] { "bar" }, attendees = 0 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(problem.FieldErrors("subject"), Is.Not.Empty);
            Assert.That(problem.FieldErrors("venueTypes")[0], Does.Contain("未知的场所类型"));
            Assert.That(problem.FieldErrors("attendees"), Is.Not.Empty);
            Assert.That(problem.FieldErrors("place"), Is.Not.Empty);
        });
        var future = await (await Officer().PostJson("/api/trainings", Training("2026-03-21"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(future.FieldErrors("heldOn")[0], Does.Contain("不能晚于今天"));
        var publicity = await (await Officer().PostJson("/api/publicity-events", new { heldOn = "2026-03-10", subject = "扫黄打非宣传", place = "" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(publicity.FieldErrors("place"), Is.Not.Empty);
        Assert.That(publicity.FieldErrors("form"), Is.Not.Empty);
        await (await Officer().PostJson("/api/trainings", Training("2026-03-10", jurisdiction: "510104"))).Expect(HttpStatusCode.Forbidden);
        Assert.That(await Api.CountAsync("office_trainings"), Is.EqualTo(before), "nothing written");
    }

    [Test]
    public async Task A_publicity_event_and_a_station_training_are_seen_by_the_district_and_the_station_sees_only_its_town()
    {
        SetLocal(2026, 4, 2);
        var pub = await (await Officer().PostJson("/api/publicity-events", new
        {
            heldOn = "2026-04-01", subject = "“扫黄打非”进社区", place = "柳城街道光华社区", form = "展板、发放宣传资料",
        })).Expect(HttpStatusCode.Created);
        Assert.That(pub.Str("form"), Is.EqualTo("展板、发放宣传资料"));
        Assert.That((await (await Officer().GetAsync($"/api/publicity-events/{pub.Str("id")}")).Expect(HttpStatusCode.OK)).Str("place"),
            Is.EqualTo("柳城街道光华社区"));

        var town = await (await Station().PostJson("/api/trainings", Training("2026-04-01", "乡镇网吧业主培训"))).Expect(HttpStatusCode.Created);
        Assert.That(town.Str("jurisdiction"), Is.EqualTo("510115001"));
        var byDistrict = await (await Officer().PostJson("/api/trainings", Training("2026-04-02", "镇文化站代录", jurisdiction: "510115001")))
            .Expect(HttpStatusCode.Created);
        Assert.That(byDistrict.Str("jurisdiction"), Is.EqualTo("510115001"), "a district records for one of its towns");

        var district = await (await Supervisor().GetAsync("/api/trainings?from=2026-04-01&to=2026-04-30")).Expect(HttpStatusCode.OK);
        Assert.That(district.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        var onlyTown = await (await Supervisor().GetAsync("/api/trainings?from=2026-04-01&to=2026-04-30&jurisdiction=510115001")).Expect(HttpStatusCode.OK);
        Assert.That(onlyTown.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        var stationList = await (await Station().GetAsync("/api/publicity-events?from=2026-04-01&to=2026-04-30")).Expect(HttpStatusCode.OK);
        Assert.That(stationList.GetProperty("items").GetArrayLength(), Is.Zero, "the district's event is not the station's");
        await (await Station().GetAsync($"/api/publicity-events/{pub.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        await (await Station().GetAsync("/api/trainings?jurisdiction=510115")).Expect(HttpStatusCode.Forbidden);
    }

    private async Task<JsonElement> Letter(string kind, string receivedOn, string subject = "反映某网吧接纳未成年人") =>
        await (await Officer().PostJson("/api/letters", new { kind, receivedOn, subject, sender = "王先生", content = "来信内容" }))
            .Expect(HttpStatusCode.Created);

    [Test]
    public async Task A_reply_after_its_due_date_counts_as_late_in_the_half_years_figures_also_when_its_fact_is_filled_at_start()
    {
        SetLocal(2025, 3, 3);
        var letter = await Letter("mailbox", "2025-03-03", "反映某歌舞厅噪声扰民");
        Assert.That(letter.Str("replyDueOn"), Is.EqualTo("2025-03-24"), "15 working days from Mon 03-03");
        SetLocal(2025, 4, 30);
        var replied = await (await Officer().PostJson($"/api/letters/{letter.Str("id")}/reply", new { repliedOn = "2025-04-30", text = "已核查处理", version = 1 }))
            .Expect(HttpStatusCode.OK);
        Assert.That(replied.GetProperty("repliedOnTime").GetBoolean(), Is.False);

        async Task<JsonElement> Office() => (await (await Supervisor().GetAsync("/api/reports/half-year?year=2025&half=1")).Expect(HttpStatusCode.OK)).GetProperty("office");
        var office = await Office();
        Assert.That((office.GetProperty("mailboxReplied").GetInt32(), office.GetProperty("repliedLate").GetInt32()), Is.EqualTo((1, 1)));

        var (written, filled, rows) = await StoredFacts.WipeAndFillAsync(Api, "office_letters", "replied_on_time");
        Assert.That(rows, Is.GreaterThanOrEqualTo(1), "the wiped reply was filled");
        Assert.That(filled, Is.EqualTo(written));
        office = await Office();
        Assert.That((office.GetProperty("mailboxReplied").GetInt32(), office.GetProperty("repliedLate").GetInt32()), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task A_mailbox_letter_is_due_in_15_working_days_over_National_Day_and_its_clock_stops_with_the_reply()
    {
        SetLocal(2025, 9, 22);
        var letter = await Letter("mailbox", "2025-09-22");
        // Working days after Mon 09-22: 09-23..26 (4), Sun 09-28 worked (5), 09-29, 09-30 (7), 10-09, 10-10 (9),
        // Sat 10-11 worked (10), 10-13..10-17 (15).
        Assert.Multiple(() =>
        {
            Assert.That(letter.Str("kindName"), Is.EqualTo("区长信箱"));
            Assert.That(letter.Str("replyLimitKind"), Is.EqualTo("workingDays"));
            Assert.That(letter.GetProperty("replyLimitDays").GetInt32(), Is.EqualTo(15));
            Assert.That(letter.Str("replyDueOn"), Is.EqualTo("2025-10-17"));
            Assert.That(letter.GetProperty("clock").Str("dueDate"), Is.EqualTo("2025-10-17"));
            Assert.That(letter.GetProperty("acceptDueOn").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        await (await Officer().PostJson($"/api/letters/{letter.Str("id")}/acceptance", new { acceptedOn = "2025-09-23", version = 1 }))
            .Expect(HttpStatusCode.Conflict);

        SetLocal(2025, 10, 15);
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var alerts = await (await Officer().GetAsync("/api/alerts?subjectType=letter")).Expect(HttpStatusCode.OK);
        var alert = alerts.GetProperty("items").EnumerateArray().Single(a => a.Str("subjectId") == letter.Str("id"));
        Assert.That(alert.Str("kind"), Is.EqualTo("dueSoon"));
        Assert.That(alert.Str("title"), Is.EqualTo("区长信箱：反映某网吧接纳未成年人"));

        var stale = await (await Officer().PostJson($"/api/letters/{letter.Str("id")}/reply", new { repliedOn = "2025-10-15", text = "已核查处理", version = 7 }))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(stale.GetProperty("currentVersion").GetInt64(), Is.EqualTo(1));
        var early = await (await Officer().PostJson($"/api/letters/{letter.Str("id")}/reply", new { repliedOn = "2025-09-21", text = "已核查处理", version = 1 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(early.FieldErrors("repliedOn")[0], Does.Contain("不能早于收信日期"));
        var replied = await (await Officer().PostJson($"/api/letters/{letter.Str("id")}/reply", new { repliedOn = "2025-10-15", text = "已核查处理", version = 1 }))
            .Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(replied.GetProperty("clock").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(replied.GetProperty("repliedOnTime").GetBoolean(), Is.True);
            Assert.That(replied.GetProperty("version").GetInt64(), Is.EqualTo(2));
        });
        await (await Officer().PostJson($"/api/letters/{letter.Str("id")}/reply", new { repliedOn = "2025-10-15", text = "再次答复", version = 2 }))
            .Expect(HttpStatusCode.Conflict);
        SetLocal(2025, 10, 20);
        var scan = await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        Assert.That(scan.GetProperty("alertsRaised").GetInt32(), Is.Zero, "a replied letter is never overdue");
    }

    [Test]
    public async Task A_petition_is_told_within_15_days_and_answered_within_60_of_acceptance_each_end_moved_off_holidays()
    {
        SetLocal(2025, 9, 19);
        var petition = await Letter("petition", "2025-09-19", "反映黑网吧噪音扰民");
        // Art. 32: 09-19 + 15 = 10-04, National Day → 10-09. No reply clock before acceptance.
        Assert.Multiple(() =>
        {
            Assert.That(petition.Str("kindName"), Is.EqualTo("群众信访函"));
            Assert.That(petition.GetProperty("acceptLimitDays").GetInt32(), Is.EqualTo(15));
            Assert.That(petition.Str("acceptDueOn"), Is.EqualTo("2025-10-09"));
            Assert.That(petition.GetProperty("clock").Str("dueDate"), Is.EqualTo("2025-10-09"));
            Assert.That(petition.GetProperty("replyDueOn").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });

        SetLocal(2025, 10, 10);
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var overdue = await (await Supervisor().GetAsync("/api/alerts?kind=overdue&subjectType=letter")).Expect(HttpStatusCode.OK);
        Assert.That(overdue.GetProperty("items").EnumerateArray().Select(a => a.Str("subjectId")), Has.Member(petition.Str("id")));

        var future = await (await Officer().PostJson($"/api/letters/{petition.Str("id")}/acceptance", new { acceptedOn = "2025-10-11", version = 1 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(future.FieldErrors("acceptedOn"), Is.Not.Empty);
        // Accepted 09-30: art. 35's 60 days end on Sat 11-29 → Mon 12-01.
        var accepted = await (await Officer().PostJson($"/api/letters/{petition.Str("id")}/acceptance", new { acceptedOn = "2025-09-30", version = 1 }))
            .Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(accepted.Str("acceptedOn"), Is.EqualTo("2025-09-30"));
            Assert.That(accepted.Str("replyDueOn"), Is.EqualTo("2025-12-01"));
            Assert.That(accepted.GetProperty("clock").Str("dueDate"), Is.EqualTo("2025-12-01"));
            Assert.That(accepted.GetProperty("clock").Str("status"), Is.EqualTo("running"));
        });
        await (await Officer().PostJson($"/api/letters/{petition.Str("id")}/acceptance", new { acceptedOn = "2025-09-30", version = 2 }))
            .Expect(HttpStatusCode.Conflict);
        var early = await (await Officer().PostJson($"/api/letters/{petition.Str("id")}/reply", new { repliedOn = "2025-09-29", text = "答复", version = 2 }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(early.FieldErrors("repliedOn")[0], Does.Contain("不能早于受理日期"));

        var open = await (await Officer().GetAsync("/api/letters?kind=petition&open=true")).Expect(HttpStatusCode.OK);
        Assert.That(open.GetProperty("items").EnumerateArray().Select(l => l.Str("id")), Has.Member(petition.Str("id")));
        SetLocal(2025, 11, 3);
        await (await Officer().PostJson($"/api/letters/{petition.Str("id")}/reply", new { repliedOn = "2025-11-03", text = "经查，已责令整改", version = 2 }))
            .Expect(HttpStatusCode.OK);
        var none = await (await Officer().GetAsync("/api/letters?kind=petition&open=true")).Expect(HttpStatusCode.OK);
        Assert.That(none.GetProperty("items").EnumerateArray().Select(l => l.Str("id")), Has.No.Member(petition.Str("id")));
        var bad = await (await Officer().PostJson("/api/letters", new { kind = "email", receivedOn = "2025-11-03" })).Expect(HttpStatusCode.BadRequest);
        Assert.That(bad.FieldErrors("kind")[0], Does.Contain("未知的来信类别"));
        Assert.That(bad.FieldErrors("subject"), Is.Not.Empty);
        Assert.That(bad.FieldErrors("sender"), Is.Not.Empty);
    }

    [Test]
    public async Task A_station_records_its_seizure_in_the_districts_campaign_and_an_inspection_with_its_own_lines_is_not_linked_twice()
    {
        SetLocal(2026, 6, 10);
        var campaign = await (await Supervisor().PostJson("/api/campaigns", new
        {
            name = "打击黑网吧专项行动", startsOn = "2026-06-01", endsOn = "2026-06-30",
        })).Expect(HttpStatusCode.Created);
        var seizure = await (await Station().PostJson("/api/seizures", new
        {
            seizedOn = "2026-06-09", action = "confiscated", item = "电脑", quantity = 12, unit = "台", campaignId = campaign.Str("id"), note = "关闭黑网吧一家",
        })).Expect(HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(seizure.Str("jurisdiction"), Is.EqualTo("510115001"));
            Assert.That(seizure.Str("actionName"), Is.EqualTo("收缴"));
            Assert.That(seizure.Str("campaignName"), Is.EqualTo("打击黑网吧专项行动"));
            Assert.That(seizure.GetProperty("quantity").GetInt32(), Is.EqualTo(12));
        });
        var totals = await (await Supervisor().GetAsync($"/api/campaigns/{campaign.Str("id")}")).Expect(HttpStatusCode.OK);
        var seized = totals.GetProperty("seizedItems").EnumerateArray().Single(s => s.Str("item") == "电脑");
        Assert.That(seized.GetProperty("quantity").GetInt64(), Is.EqualTo(12), "the campaign's totals count the station's seizure");

        var list = await (await Supervisor().GetAsync("/api/seizures?from=2026-06-01&to=2026-06-30")).Expect(HttpStatusCode.OK);
        Assert.That(list.GetProperty("items").EnumerateArray().Select(s => s.Str("id")), Has.Member(seizure.Str("id")));
        await (await Api.Client("officer", "510115002").GetAsync($"/api/seizures/{seizure.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        var other = await (await Officer("510104").PostJson("/api/seizures", new
        {
            seizedOn = "2026-06-09", action = "withheld", item = "游戏机", quantity = 3, unit = "台", campaignId = campaign.Str("id"),
        })).Expect(HttpStatusCode.Forbidden);
        Assert.That(other.Str("detail"), Does.Contain("专项行动"));

        var venue = await (await Officer().PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = "无名黑网吧", ["address"] = "温江区某街", ["type"] = "internetCafe", ["licenseStatus"] = "unlicensed",
        })).Expect(HttpStatusCode.Created);
        var start = new DateTimeOffset(2026, 6, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var items = new[] { "IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE" };
        var inspection = await (await Api.ZhangSanClient().PostJson("/api/inspections", new Dictionary<string, object?>
        {
            ["venueId"] = venue.Str("id"), ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(30),
            ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            ["results"] = items.Select(c => new Dictionary<string, object?> { ["itemCode"] = c, ["result"] = c == "IC-LIC" ? "violation" : "compliant", ["note"] = c == "IC-LIC" ? "无证" : null }).ToList(),
            ["outcome"] = "caseLead", ["caseLeadDescription"] = "无证经营",
            ["seizures"] = new[] { new { item = "电脑主机", quantity = 5, unit = "台" } },
        })).Expect(HttpStatusCode.Created);
        var twice = await (await Officer().PostJson("/api/seizures", new
        {
            seizedOn = "2026-06-10", action = "confiscated", item = "电脑主机", quantity = 5, unit = "台", inspectionId = inspection.Str("id"),
        })).Expect(HttpStatusCode.Conflict);
        Assert.That(twice.Str("detail"), Does.Contain("重复统计"));
        var bad = await (await Officer().PostJson("/api/seizures", new { seizedOn = "2026-06-10", action = "burned", quantity = 0 })).Expect(HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(bad.FieldErrors("action"), Is.Not.Empty);
            Assert.That(bad.FieldErrors("item"), Is.Not.Empty);
            Assert.That(bad.FieldErrors("quantity"), Is.Not.Empty);
            Assert.That(bad.FieldErrors("unit"), Is.Not.Empty);
        });
    }
}
