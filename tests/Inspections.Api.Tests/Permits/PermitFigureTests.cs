using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Permits;

/// <summary>
/// One month at the window of district 510115, counted by hand:
/// <code>
/// app  clerk  item                 kind      accepted  completed  promised  used  on time
/// 1    甲     audio-video-retail   establish 3-02      3-06       5 (→3-09) 4     yes
/// 2    乙     audio-video-retail   establish 3-02      3-11       5 (→3-09) 7     no (2 days late)
/// 3    甲     printing-copying     establish 3-02      3-03       5 (→3-09) 1     yes
/// 4    甲     commercial-perf.     filing    3-04      3-04       1 (→3-05) 0     yes
/// 5    乙     internet-cafe        change    3-05 (deemed: no correction notice by 3-12), open, due 3-19
/// 6    甲     publication-retail   annual    not accepted 3-06
/// </code>
/// Completed 4, on time 3 (75%), average used 3.00 against 4.00 promised; intake 5 accepted
/// (备案 1, 变更 1, 设立 3) and 1 not accepted.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitFigureTests(string provider) : PermitFixture(provider)
{
    private HttpClient Jia => As("clerk", "甲窗口");
    private HttpClient Yi => As("clerk", "乙窗口");

    private async Task<JsonElement> CompleteAsync(HttpClient clerk, JsonElement p, string number) =>
        await StepOkAsync(clerk, await StepOkAsync(clerk, p, "approved"), "completed", new { certificateNumber = number });

    [OneTimeSetUp]
    public async Task AMonthAtTheWindow()
    {
        SetLocal(2026, 3, 2);
        var app1 = await StepOkAsync(Jia, await ReceiveAsync(Jia, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        var app2 = await StepOkAsync(Yi, await ReceiveAsync(Yi, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        var app3 = await StepOkAsync(Jia, await ReceiveAsync(Jia, Application("printing-copying", "establish",
            "application", "business-licence", "representative-id", "premises", "equipment")), "accepted");
        SetLocal(2026, 3, 3);
        await CompleteAsync(Jia, app3, "川印证 0115-003");
        SetLocal(2026, 3, 4);
        await StepOkAsync(Jia, await ReceiveAsync(Jia, Application("commercial-performance", "filing",
            "filing-form", "performer-list", "programme", "venue-agreement")), "completed");
        SetLocal(2026, 3, 5);
        await ReceiveAsync(Yi, Application("internet-cafe", "change", "application"));
        SetLocal(2026, 3, 6);
        await CompleteAsync(Jia, app1, "川音零 0115-001");
        await StepOkAsync(Jia, await ReceiveAsync(Jia, Application("publication-retail", "annualInspection", "application")), "notAccepted",
            new { note = "上年度存在违规经营行为尚未整改" });
        SetLocal(2026, 3, 11);
        await CompleteAsync(Yi, app2, "川音零 0115-002");
        SetLocal(2026, 3, 20);
    }

    private static (int, int, decimal?, decimal?, decimal?) Figures(JsonElement row) => (
        row.GetProperty("completed").GetInt32(), row.GetProperty("onTime").GetInt32(), row.GetProperty("onTimeRate").GetDecimal(),
        row.GetProperty("averageUsedDays").GetDecimal(), row.GetProperty("averagePromisedDays").GetDecimal());

    [Test]
    public async Task The_on_time_figures_match_the_hand_count()
    {
        var f = await (await Supervisor().GetAsync("/api/permits/figures?from=2026-03-01&to=2026-03-31")).Expect(HttpStatusCode.OK);
        Assert.That(Figures(f.GetProperty("onTime")), Is.EqualTo((4, 3, 0.75m, 3.00m, 4.00m)));
        var byItem = f.GetProperty("byItem").EnumerateArray().ToDictionary(r => r.Str("key"), Figures);
        Assert.That(byItem["audio-video-retail"], Is.EqualTo((2, 1, 0.5m, 5.5m, 5m)));
        Assert.That(byItem["printing-copying"], Is.EqualTo((1, 1, 1m, 1m, 5m)));
        Assert.That(byItem["commercial-performance"], Is.EqualTo((1, 1, 1m, 0m, 1m)));
        Assert.That(byItem, Has.Count.EqualTo(3));
        var byClerk = f.GetProperty("byClerk").EnumerateArray().ToDictionary(r => r.Str("key"), Figures);
        Assert.That(byClerk["甲窗口"], Is.EqualTo((3, 3, 1m, 1.67m, 3.67m)));
        Assert.That(byClerk["乙窗口"], Is.EqualTo((1, 0, 0m, 7m, 5m)));
    }

    [Test]
    public async Task Applications_completed_before_their_facts_were_stored_are_filled_at_start_as_the_completion_writes_them()
    {
        var (written, filled, rows) = await StoredFacts.WipeAndFillAsync(Api, "permit_applications", "completed_on_time", "used_days");
        Assert.That(written.Count(w => !w.EndsWith("null, null", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(4), "the completions stored facts at all");
        Assert.That(rows, Is.GreaterThanOrEqualTo(4), "the wiped rows were filled");
        Assert.That(filled, Is.EqualTo(written));
        var f = await (await Supervisor().GetAsync("/api/permits/figures?from=2026-03-01&to=2026-03-31")).Expect(HttpStatusCode.OK);
        Assert.That(Figures(f.GetProperty("onTime")), Is.EqualTo((4, 3, 0.75m, 3.00m, 4.00m)));
    }

    [Test]
    public async Task The_intake_by_kind_matches_the_hand_count_and_reads_like_the_report()
    {
        var f = await (await Jia.GetAsync("/api/permits/figures?from=2026-03-01&to=2026-03-31")).Expect(HttpStatusCode.OK);
        var intake = f.GetProperty("intake").EnumerateArray().ToDictionary(r => r.Str("kind"),
            r => (r.GetProperty("received").GetInt32(), r.GetProperty("accepted").GetInt32(), r.GetProperty("notAccepted").GetInt32()));
        Assert.That(intake["establish"], Is.EqualTo((3, 3, 0)));
        Assert.That(intake["filing"], Is.EqualTo((1, 1, 0)));
        Assert.That(intake["change"], Is.EqualTo((1, 1, 0)), "deemed accepted on receipt");
        Assert.That(intake["annualInspection"], Is.EqualTo((1, 0, 1)));
        Assert.That((intake["renewal"], intake["cancellation"]), Is.EqualTo(((0, 0, 0), (0, 0, 0))));
        Assert.That(f.Str("intakeSentence"), Is.EqualTo("办证大厅受理备案、变更、设立申请5件"));

        var february = await (await Jia.GetAsync("/api/permits/figures?from=2026-02-01&to=2026-02-28")).Expect(HttpStatusCode.OK);
        Assert.That(february.GetProperty("onTime").GetProperty("completed").GetInt32(), Is.Zero);
        Assert.That(february.GetProperty("onTime").GetProperty("onTimeRate").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var backwards = await (await Jia.GetAsync("/api/permits/figures?from=2026-03-31&to=2026-03-01")).Expect(HttpStatusCode.BadRequest);
        Assert.That(backwards.FieldErrors("to"), Is.Not.Empty);
    }

    [Test]
    public async Task Late_and_overdue_work_is_held_against_the_responsible_clerk_until_a_supervisor_closes_it()
    {
        var boss = Supervisor();
        var sweep = await (await boss.PostAsync("/api/permits/accountability/sweep", null)).Expect(HttpStatusCode.OK);
        Assert.That(sweep.GetProperty("overdue").GetInt32(), Is.EqualTo(1), "application 5: deemed accepted 3-05, promised due 3-19");
        var again = await (await boss.PostAsync("/api/permits/accountability/sweep", null)).Expect(HttpStatusCode.OK);
        Assert.That(again.GetProperty("raised").GetInt32(), Is.Zero, "one record per application");

        var records = (await (await boss.GetAsync("/api/permits/accountability?status=open")).Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();
        Assert.That(records.Select(r => (r.Str("clerkId"), r.Str("reason"), r.Str("dueDate"), r.GetProperty("overdueDays").GetInt32())),
            Is.EquivalentTo(new[] { ("乙窗口", "completedLate", "2026-03-09", 2), ("乙窗口", "overdueOpen", "2026-03-19", 1) }));
        var mine = await (await Jia.GetAsync("/api/permits/accountability")).Expect(HttpStatusCode.OK);
        Assert.That(mine.GetArrayLength(), Is.Zero, "a clerk sees only the records held against them");

        var late = records.Single(r => r.Str("reason") == "completedLate");
        var url = $"/api/permits/accountability/{late.Str("id")}/close";
        await (await Yi.PostJson(url, new { version = late.GetProperty("version").GetInt64(), finding = "自行结案" })).Expect(HttpStatusCode.Forbidden);
        var noFinding = await (await boss.PostJson(url, new { version = late.GetProperty("version").GetInt64() })).Expect(HttpStatusCode.BadRequest);
        Assert.That(noFinding.FieldErrors("finding"), Is.Not.Empty);
        var closed = await (await boss.PostJson(url, new { version = late.GetProperty("version").GetInt64(), finding = "经查系现场核查延误，予以提醒谈话" })).Expect(HttpStatusCode.OK);
        Assert.That((closed.Str("status"), closed.Str("closedByName")), Is.EqualTo(("closed", "王科长")));
        var twice = await (await boss.PostJson(url, new { version = closed.GetProperty("version").GetInt64(), finding = "再次结论" })).Expect(HttpStatusCode.Conflict);
        Assert.That(twice.Str("detail"), Does.Contain("已于"));
        await (await As("supervisor", "刘科长", "510104").PostJson(url, new { version = closed.GetProperty("version").GetInt64(), finding = "x" })).Expect(HttpStatusCode.Forbidden);
    }
}

/// <summary>
/// The month figures count what was completed late; what is late and still open is counted beside them. Another
/// month at the window of 510115, counted by hand (promised limits in working days, no holiday in March 2026):
/// <code>
/// app  item                 accepted  promised due  completed        open and overdue on 3-17 / 3-18 / 3-20
/// A    audio-video-retail   3-02      3-09          —                yes / yes / yes
/// B    audio-video-retail   3-02      3-09          3-11 (late)      no (done)
/// C    audio-video-retail   3-10      3-17          —                no (due that day) / yes / yes
/// D    printing-copying     3-02      3-09          3-06 (on time)   no (done)
/// E    internet-cafe change received 3-12, materials missing: at the desk until its correction window runs out 3-19,
///      then deemed accepted 3-12, promised 10 days → due 3-26: no / no / no
/// </code>
/// Completed 2, on time 1, completed late 1; open and overdue 1, 2, 2.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitOpenOverdueTests(string provider) : PermitFixture(provider)
{
    private HttpClient Clerk => As("clerk", "丙窗口");

    [OneTimeSetUp]
    public async Task AnotherMonthAtTheWindow()
    {
        SetLocal(2026, 3, 2);
        await StepOkAsync(Clerk, await ReceiveAsync(Clerk, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        var b = await StepOkAsync(Clerk, await ReceiveAsync(Clerk, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        var d = await StepOkAsync(Clerk, await ReceiveAsync(Clerk, Application("printing-copying", "establish",
            "application", "business-licence", "representative-id", "premises", "equipment")), "accepted");
        SetLocal(2026, 3, 6);
        await StepOkAsync(Clerk, await StepOkAsync(Clerk, d, "approved"), "completed", new { certificateNumber = "川印证 0115-101" });
        SetLocal(2026, 3, 10);
        await StepOkAsync(Clerk, await ReceiveAsync(Clerk, Application("audio-video-retail", "establish", AudioVideoMaterials)), "accepted");
        SetLocal(2026, 3, 11);
        await StepOkAsync(Clerk, await StepOkAsync(Clerk, b, "approved"), "completed", new { certificateNumber = "川音零 0115-102" });
        SetLocal(2026, 3, 12);
        await ReceiveAsync(Clerk, Application("internet-cafe", "change", "application"));
    }

    private async Task<JsonElement> MarchAsync(HttpClient client) =>
        await (await client.GetAsync("/api/permits/figures?from=2026-03-01&to=2026-03-31")).Expect(HttpStatusCode.OK);

    [TestCase(17, 1)]
    [TestCase(18, 2)]
    [TestCase(20, 2)]
    public async Task Open_and_overdue_now_is_counted_beside_completed_late(int day, int openOverdue)
    {
        SetLocal(2026, 3, day);
        var f = await MarchAsync(Clerk);
        Assert.Multiple(() =>
        {
            Assert.That(f.GetProperty("openOverdue").GetInt32(), Is.EqualTo(openOverdue), $"open and overdue on 3-{day}");
            Assert.That(f.GetProperty("onTime").GetProperty("completed").GetInt32(), Is.EqualTo(2));
            Assert.That(f.GetProperty("onTime").GetProperty("onTime").GetInt32(), Is.EqualTo(1), "completed late: 1");
        });
        Assert.That((await MarchAsync(Supervisor())).GetProperty("openOverdue").GetInt32(), Is.EqualTo(openOverdue), "the section head counts the same");
        Assert.That((await MarchAsync(Supervisor("510104"))).GetProperty("openOverdue").GetInt32(), Is.Zero, "another district's are not these");
        // Whatever the period asked for: it is a count of now.
        var february = await (await Clerk.GetAsync("/api/permits/figures?from=2026-02-01&to=2026-02-28")).Expect(HttpStatusCode.OK);
        Assert.That(february.GetProperty("openOverdue").GetInt32(), Is.EqualTo(openOverdue));
    }

    [Test]
    public async Task The_accountability_sweep_holds_the_same_applications_against_their_clerk()
    {
        SetLocal(2026, 3, 20);
        var figures = await MarchAsync(Clerk);
        var sweep = await (await Supervisor().PostAsync("/api/permits/accountability/sweep", null)).Expect(HttpStatusCode.OK);
        Assert.That(sweep.GetProperty("overdue").GetInt32(), Is.EqualTo(figures.GetProperty("openOverdue").GetInt32()));
        Assert.That(sweep.GetProperty("examined").GetInt32(), Is.EqualTo(3), "A, C and E are open");
    }
}

/// <summary>The catalog: seeded with the field's items, edited by admins without touching applications already received.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitCatalogTests(string provider) : PermitFixture(provider)
{
    [Test, Order(1)] // before the edit below changes an item
    public async Task The_seeded_catalog_carries_the_statutory_and_promised_limits()
    {
        var items = (await (await As("clerk", "窗口").GetAsync("/api/permit-items")).Expect(HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(i => i.Str("code"));
        Assert.That(items.Keys, Is.EquivalentTo(new[]
        {
            "internet-cafe", "internet-cafe-final-review", "entertainment-venue", "audio-video-retail", "publication-retail", "printing-copying",
            "commercial-performance", "commercial-performance-approval", "performance-venue",
        }));
        (int, int) Limits(string code) => (items[code].GetProperty("statutoryLimitDays").GetInt32(), items[code].GetProperty("promisedLimitDays").GetInt32());
        string Basis(string code) => items[code].Str("statutoryLimitBasis");
        // The regulations' own limits, each with its article beside it (the promised limits are the office's).
        Assert.That(Limits("audio-video-retail"), Is.EqualTo((30, 5)));
        Assert.That(Basis("audio-video-retail"), Does.StartWith("《音像制品管理条例》第三十二条"));
        Assert.That(Limits("printing-copying"), Is.EqualTo((60, 5)));
        Assert.That(Basis("printing-copying"), Does.StartWith("《印刷业管理条例》第十一条"));
        Assert.That(Limits("internet-cafe"), Is.EqualTo((20, 10)));
        Assert.That(Basis("internet-cafe"), Does.StartWith("《互联网上网服务营业场所管理条例》第十一条第一款"));
        Assert.That(Limits("internet-cafe-final-review").Item1, Is.EqualTo(15));
        Assert.That(Basis("internet-cafe-final-review"), Does.StartWith("《互联网上网服务营业场所管理条例》第十一条第二款"));
        Assert.That(Limits("commercial-performance-approval").Item1, Is.EqualTo(3));
        Assert.That(Basis("commercial-performance-approval"), Does.StartWith("《营业性演出管理条例》第十三条"));
        Assert.That(Limits("entertainment-venue"), Is.EqualTo((20, 10)));
        Assert.That(items["entertainment-venue"].Str("hearingBasis"), Does.StartWith("《娱乐场所管理条例》第十条"));
        Assert.That(items["audio-video-retail"].GetProperty("hearingBasis").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(items.Values.All(i => i.Str("statutoryLimitBasis").Length > 0), Is.True, "every statutory limit names its article");
        Assert.That(Strings(items["commercial-performance"], "kinds"), Is.EqualTo(new[] { "filing" }));
        Assert.That(items["internet-cafe"].GetProperty("materials").GetArrayLength(), Is.EqualTo(7));
    }

    [Test]
    public async Task An_admins_edit_applies_to_new_applications_only()
    {
        SetLocal(2026, 3, 2);
        var clerk = As("clerk", "窗口");
        var before = await ReceiveAsync(clerk, Application("audio-video-retail", "establish", AudioVideoMaterials));
        var item = (await (await clerk.GetAsync("/api/permit-items")).Expect(HttpStatusCode.OK)).EnumerateArray().Single(i => i.Str("code") == "audio-video-retail");
        var edit = new
        {
            version = item.GetProperty("version").GetInt64(), name = item.Str("name"), statutoryLimitDays = 10, promisedLimitDays = 3,
            kinds = new[] { "establish", "change" },
            materials = new[] { new { code = "application", name = "申请书" }, new { code = "business-licence", name = "营业执照" } },
        };
        await (await clerk.PutJson("/api/permit-items/audio-video-retail", edit)).Expect(HttpStatusCode.Forbidden);
        var tooLong = await (await As("admin", "管理员").PutJson("/api/permit-items/audio-video-retail", edit with { promisedLimitDays = 11 })).Expect(HttpStatusCode.BadRequest);
        Assert.That(tooLong.FieldErrors("promisedLimitDays"), Is.Not.Empty);
        var edited = await (await As("admin", "管理员").PutJson("/api/permit-items/audio-video-retail", edit)).Expect(HttpStatusCode.OK);
        Assert.That(edited.GetProperty("promisedLimitDays").GetInt32(), Is.EqualTo(3));
        await (await As("admin", "管理员").PutJson("/api/permit-items/audio-video-retail", edit)).Expect(HttpStatusCode.Conflict);

        var old = await StepOkAsync(clerk, await GetAsync(clerk, before), "accepted");
        Assert.That((old.GetProperty("promisedLimitDays").GetInt32(), old.GetProperty("materials").GetArrayLength(), Promised(old).Str("dueDate")),
            Is.EqualTo((5, 4, "2026-03-09")), "received before the edit: its own limits and list");
        var fresh = await ReceiveAsync(clerk, Application("audio-video-retail", "change", "application", "business-licence"));
        Assert.That((fresh.GetProperty("promisedLimitDays").GetInt32(), fresh.GetProperty("materials").GetArrayLength()), Is.EqualTo((3, 2)));
        var dropped = await (await clerk.PostJson("/api/permits", Application("audio-video-retail", "annualInspection"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(dropped.FieldErrors("kind"), Is.Not.Empty);
    }
}

/// <summary>
/// An application at the desk whose promised limit is shorter than its correction window: its stored promised clock runs
/// from receipt, but it counts as accepted, and so as overdue, only once the window has run out (行政许可法 art. 32).
/// Counted by hand, at the window of 510115 (promised limit edited to 3 working days, correction window 5, no holiday
/// in March 2026):
/// <code>
/// app  item                 received  promised due (from receipt)  window runs out  open and overdue on 3-06 / 3-09 / 3-10
/// F    audio-video-retail   3-02      3-05                         3-09             no / no / yes
/// </code>
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitDeskOverdueTests(string provider) : PermitFixture(provider)
{
    private HttpClient Clerk => As("clerk", "丁窗口");

    [OneTimeSetUp]
    public async Task AShortPromiseAtTheDesk()
    {
        SetLocal(2026, 3, 2);
        var admin = As("admin", "管理员");
        var item = (await (await admin.GetAsync("/api/permit-items")).Expect(HttpStatusCode.OK)).EnumerateArray().Single(i => i.Str("code") == "audio-video-retail");
        await (await admin.PutJson("/api/permit-items/audio-video-retail", new
        {
            version = item.GetProperty("version").GetInt64(), name = item.Str("name"), statutoryLimitDays = 30, promisedLimitDays = 3,
            kinds = new[] { "establish" },
            materials = item.GetProperty("materials").EnumerateArray().Select(m => new { code = m.Str("code"), name = m.Str("name") }).ToArray(),
        })).Expect(HttpStatusCode.OK);
        await ReceiveAsync(Clerk, Application("audio-video-retail", "establish", AudioVideoMaterials));
    }

    [TestCase(6, 0)]
    [TestCase(9, 0)]
    [TestCase(10, 1)]
    public async Task It_is_overdue_only_once_its_correction_window_has_run_out(int day, int overdue)
    {
        SetLocal(2026, 3, day);
        var figures = await (await Supervisor().GetAsync("/api/permits/figures?from=2026-03-01&to=2026-03-31")).Expect(HttpStatusCode.OK);
        Assert.That(figures.GetProperty("openOverdue").GetInt32(), Is.EqualTo(overdue), $"open and overdue on 3-{day}");
    }

    [Test]
    public async Task The_sweep_raises_it_once_the_window_has_run_out()
    {
        SetLocal(2026, 3, 9);
        var early = await (await Supervisor().PostAsync("/api/permits/accountability/sweep", null)).Expect(HttpStatusCode.OK);
        Assert.That((early.GetProperty("examined").GetInt32(), early.GetProperty("overdue").GetInt32()), Is.EqualTo((1, 0)), "still within the window");
        SetLocal(2026, 3, 10);
        var sweep = await (await Supervisor().PostAsync("/api/permits/accountability/sweep", null)).Expect(HttpStatusCode.OK);
        Assert.That((sweep.GetProperty("examined").GetInt32(), sweep.GetProperty("overdue").GetInt32()), Is.EqualTo((1, 1)));
        var records = (await (await Supervisor().GetAsync("/api/permits/accountability?status=open")).Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();
        Assert.That(records.Select(r => (r.Str("clerkId"), r.Str("reason"), r.Str("dueDate"), r.GetProperty("overdueDays").GetInt32())),
            Is.EquivalentTo(new[] { ("丁窗口", "overdueOpen", "2026-03-05", 3) }), "deemed accepted on receipt 3-02: due 3-05, late 3-06, 3-09, 3-10");
    }
}
