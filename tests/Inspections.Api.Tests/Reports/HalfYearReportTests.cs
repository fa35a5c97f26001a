using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Documents;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;
using MiniExcelLibs;

namespace Inspections.Api.Tests.Reports;

/// <summary>
/// The first half of 2026 in district 510115, counted by hand (issue 14 part 3):
/// <code>
/// venues       星空网吧 licensed · 无名黑网吧 unlicensed, registered 3-02 (found in the half: 1)
/// inspections  3-02 routine 星空网吧 compliant · 3-04 joint 无名黑网吧 no licence → case lead, 电脑主机 10 台 seized, closed down
///              7-03 routine 星空网吧 (after the half: not counted)
/// cases        A and B filed and closed (3-05, 3-06), each with a referral letter to 温江区市场监督管理局 → 2 filed, 2 closed, 100%,
///              no reconsideration, 函告温江区市场监督管理局2起
/// window       one performance filing 备案 received and completed 3-09 → 办证大厅受理备案申请1件, 1 completed on time
/// campaign     打击黑网吧专项行动 6-01..6-30; the station 510115001 confiscates 电脑 12 台 in it on 6-09
/// seizures     the district withholds 游戏机 3 台 on 5-10 → 收缴电脑12台、电脑主机10台；暂扣游戏机3台
/// trainings    3-15 (40 owners) and 5-20 (46) → 2 次, 86 人次; one on 7-02 not counted
/// publicity    4-01, 4-23 by the district, 5-12 by the station → 3 次
/// letters      mailbox 4-01 replied 4-10; petitions 5-06 (accepted 5-08, replied 6-20) and 6-01 (replied 6-05) → 回复区长信箱1件，
///              回复群众信访函2件, all in time; mailbox 6-25 still open at 6-30 (1 awaiting)
/// catalog      the nine seeded items all promise less than the law allows (音像制品零售单位设立审批: 30 → 5 working days)
/// </code>
/// The station's own report counts only its town: 1 publicity event and the 12 computers.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class HalfYearReportTests(string provider) : HalfYearFixture(provider)
{

    private HttpClient Station() => Api.Client("officer", "510115001");

    private async Task Training(int month, int day, int attendees, HttpClient? by = null)
    {
        SetLocal(2026, month, day, 18);
        await (await (by ?? Officer()).PostJson("/api/trainings", new
        {
            heldOn = $"2026-{month:00}-{day:00}", subject = "文化市场经营业主法律法规培训", venueTypes = new[] { "internetCafe" }, attendees, place = "区文化馆",
        })).Expect(HttpStatusCode.Created);
    }

    private async Task Publicity(int month, int day, HttpClient? by = null)
    {
        SetLocal(2026, month, day, 18);
        await (await (by ?? Officer()).PostJson("/api/publicity-events", new
        {
            heldOn = $"2026-{month:00}-{day:00}", subject = "文化市场法律法规宣传", place = "广场", form = "展板、发放宣传资料",
        })).Expect(HttpStatusCode.Created);
    }

    private async Task<JsonElement> Letter(string kind, int month, int day)
    {
        SetLocal(2026, month, day, 18);
        return await (await Officer().PostJson("/api/letters", new { kind, receivedOn = $"2026-{month:00}-{day:00}", subject = "反映网吧问题", sender = "市民" }))
            .Expect(HttpStatusCode.Created);
    }

    private async Task<JsonElement> Step(JsonElement letter, string path, object body, int month, int day)
    {
        SetLocal(2026, month, day, 18);
        var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["version"] = letter.GetProperty("version").GetInt64();
        return await (await Officer().PostJson($"/api/letters/{letter.Str("id")}/{path}", fields)).Expect(HttpStatusCode.OK);
    }

    private JsonElement _report;

    [OneTimeSetUp]
    public async Task HalfAYear()
    {
        SetLocal(2026, 3, 2, 9);
        var cafe = await Venue("星空网吧", "internetCafe", "licensed");
        var black = await Venue("无名黑网吧", "internetCafe", "unlicensed");
        await Inspect(cafe, 3, 2, null, "compliant");
        await Inspect(black, 3, 4, "IC-LIC", "caseLead", new()
        {
            ["kind"] = "joint", ["jointDepartments"] = new[] { "commerce" }, ["caseLeadDescription"] = "无证经营互联网上网服务",
            ["seizures"] = new[] { new { item = "电脑主机", quantity = 10, unit = "台" } }, ["venueClosed"] = true,
        });

        SetLocal(2026, 3, 5);
        var a = await CarryAsync("filed", "investigation", "legalReview", "priorNotice", "decided", "served", "executed", "closed");
        await RecordAsync(Supervisor(), a, "referrals", new { department = "温江区市场监督管理局", reason = "无证经营网吧", sentOn = "2026-03-05" });
        SetLocal(2026, 3, 6);
        var b = await CarryAsync("filed", "investigation", "legalReview", "priorNotice", "decided", "served", "executed", "closed");
        await RecordAsync(Supervisor(), b, "referrals", new { department = "温江区市场监督管理局", reason = "无证经营网吧", sentOn = "2026-03-06" });

        SetLocal(2026, 3, 9);
        var clerk = Api.Client("clerk");
        var filing = await (await clerk.PostJson("/api/permits", new
        {
            itemCode = "commercial-performance", kind = "filing",
            applicant = new { name = "成都星光演艺有限公司", unifiedSocialCreditCode = ValidCreditCode, phone = "028-82711234" },
            materials = new[] { "filing-form", "performer-list", "programme", "venue-agreement" },
        })).Expect(HttpStatusCode.Created);
        await (await clerk.PostJson($"/api/permits/{filing.Str("id")}/transitions", new { to = "completed", version = filing.GetProperty("version").GetInt64() }))
            .Expect(HttpStatusCode.OK);

        await Training(3, 15, 40);
        await Training(5, 20, 46);
        await Publicity(4, 1);
        await Publicity(4, 23);
        await Publicity(5, 12, Station());

        var mailbox = await Letter("mailbox", 4, 1);
        await Step(mailbox, "reply", new { repliedOn = "2026-04-10", text = "已核查，责令整改" }, 4, 10);
        var p1 = await Letter("petition", 5, 6);
        p1 = await Step(p1, "acceptance", new { acceptedOn = "2026-05-08" }, 5, 8);
        var p2 = await Letter("petition", 6, 1);
        await Step(p2, "reply", new { repliedOn = "2026-06-05", text = "经查属实，已依法处理" }, 6, 5);
        await Step(p1, "reply", new { repliedOn = "2026-06-20", text = "经查属实，已依法处理" }, 6, 20);
        await Letter("mailbox", 6, 25);

        SetLocal(2026, 5, 10);
        await (await Officer().PostJson("/api/seizures", new { seizedOn = "2026-05-10", action = "withheld", item = "游戏机", quantity = 3, unit = "台" }))
            .Expect(HttpStatusCode.Created);
        SetLocal(2026, 6, 1);
        var campaign = await (await Supervisor().PostJson("/api/campaigns", new { name = "打击黑网吧专项行动", startsOn = "2026-06-01", endsOn = "2026-06-30" }))
            .Expect(HttpStatusCode.Created);
        SetLocal(2026, 6, 9);
        await (await Station().PostJson("/api/seizures", new
        {
            seizedOn = "2026-06-09", action = "confiscated", item = "电脑", quantity = 12, unit = "台", campaignId = campaign.Str("id"),
        })).Expect(HttpStatusCode.Created);

        await Training(7, 2, 30);
        await Inspect(cafe, 7, 3, null, "compliant");
        SetLocal(2026, 7, 10);
        _report = await (await Supervisor().GetAsync("/api/reports/half-year?year=2026&half=1")).Expect(HttpStatusCode.OK);
    }

    private static readonly string[] Sentences =
    [
        "上半年共开展检查2次（日常检查1次、联合检查1次），发现违规1家次，下达责令整改通知0份，取缔关停1家，摸底排查无证经营场所1家。",
        "立案2起，办结行政违规案件2起，办结率达100%，无一例行政复议。函告温江区市场监督管理局2起。",
        "收缴电脑12台、电脑主机10台；暂扣游戏机3台。",
        "上半年未开展无证无照经营集中整治。",
        "开展打击黑网吧专项行动等专项行动1次，出动检查场所0家次，发现违规0家次，转立案0起，取缔关停0家，收缴电脑12台。",
        "办证大厅受理备案申请1件，办结1件，按时办结率100%。",
        "音像制品零售单位设立审批承诺办结时限由法定30个工作日缩短为5个工作日",
        "开展文化市场经营业主法律法规培训2次，参训86人次。",
        "组织举办文化市场法律法规宣传3次。",
        "回复区长信箱1件；回复群众信访函2件，均在期限内答复。",
        "到六月底，开展文化市场经营业主法律法规培训2次，参训86人次；立案2起，办结行政违规案件2起，办结率达100%，无一例行政复议。"
            + "办证大厅受理备案申请1件；函告温江区市场监督管理局2起，组织举办文化市场法律法规宣传3次；回复区长信箱1件；回复群众信访函2件。",
    ];

    private static IEnumerable<string> Paragraphs(JsonElement report) =>
        report.GetProperty("sections").EnumerateArray().SelectMany(s =>
            s.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!)
                .Concat(s.GetProperty("parts").EnumerateArray().SelectMany(p => p.GetProperty("paragraphs").EnumerateArray().Select(x => x.GetString()!))));

    [Test]
    public void The_figures_match_the_hand_count()
    {
        var office = _report.GetProperty("office");
        var summary = _report.GetProperty("summary");
        Assert.Multiple(() =>
        {
            Assert.That(_report.Str("title"), Is.EqualTo("温江区文化市场综合执法大队2026年上半年工作总结"));
            Assert.That(_report.Str("from"), Is.EqualTo("2026-01-01"));
            Assert.That(_report.Str("asOf"), Is.EqualTo("2026-06-30"));
            Assert.That(summary.GetProperty("inspections").GetProperty("total").GetInt32(), Is.EqualTo(2));
            Assert.That(summary.GetProperty("inspections").GetProperty("itemsSeized").GetInt32(), Is.EqualTo(25));
            Assert.That(summary.GetProperty("cases").GetProperty("filed").GetInt32(), Is.EqualTo(2));
            Assert.That(summary.GetProperty("cases").GetProperty("closed").GetInt32(), Is.EqualTo(2));
            Assert.That(summary.GetProperty("cases").GetProperty("closureRate").GetDecimal(), Is.EqualTo(1m));
            Assert.That(summary.GetProperty("cases").GetProperty("reconsiderations").GetProperty("total").GetInt32(), Is.Zero);
            Assert.That(summary.GetProperty("permitsAccepted").GetInt32(), Is.EqualTo(1));
            Assert.That(_report.GetProperty("intake").EnumerateArray().Single(k => k.Str("kind") == "filing").GetProperty("accepted").GetInt32(), Is.EqualTo(1));
            Assert.That(_report.GetProperty("specialCampaigns").GetArrayLength(), Is.EqualTo(1));
            Assert.That(_report.GetProperty("shortenedLimits").GetArrayLength(), Is.EqualTo(9));
            Assert.That(office.GetProperty("trainings").GetInt32(), Is.EqualTo(2));
            Assert.That(office.GetProperty("trainingAttendees").GetInt32(), Is.EqualTo(86));
            Assert.That(office.GetProperty("publicity").GetInt32(), Is.EqualTo(3));
            Assert.That(office.GetProperty("mailboxReceived").GetInt32(), Is.EqualTo(2));
            Assert.That(office.GetProperty("mailboxReplied").GetInt32(), Is.EqualTo(1));
            Assert.That(office.GetProperty("petitionsReceived").GetInt32(), Is.EqualTo(2));
            Assert.That(office.GetProperty("petitionsReplied").GetInt32(), Is.EqualTo(2));
            Assert.That(office.GetProperty("repliedLate").GetInt32(), Is.Zero);
            Assert.That(office.GetProperty("awaitingReply").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Every_figure_bearing_sentence_is_written_from_the_data_and_the_narrative_is_left_to_the_office()
    {
        var paragraphs = Paragraphs(_report).ToList();
        foreach (var p in paragraphs) TestContext.Out.WriteLine(p);
        var text = string.Join("\n", paragraphs);
        Assert.Multiple(() =>
        {
            foreach (var sentence in Sentences) Assert.That(text, Does.Contain(sentence));
            Assert.That(text, Does.Contain("对9个许可事项压缩承诺办结时限："));
            var headings = _report.GetProperty("sections").EnumerateArray().Select(s => s.Str("heading")).Where(h => h.Length > 0).ToList();
            Assert.That(headings, Is.EqualTo(new[]
            {
                "一、执法检查与案件办理", "二、专项整治工作", "三、行政审批与效能建设", "四、法制宣传培训与信访工作", "五、目标任务完成情况", "六、存在的问题", "七、下半年工作思路",
            }));
            var plan = _report.GetProperty("sections").EnumerateArray().Single(s => s.Str("heading") == "七、下半年工作思路");
            Assert.That(plan.GetProperty("placeholder").GetBoolean(), Is.True);
            Assert.That(plan.GetProperty("parts")[0].GetProperty("paragraphs")[0].GetString(), Does.StartWith("【请填写"));
        });
    }

    [Test]
    public async Task The_docx_holds_the_title_the_headings_and_every_sentence()
    {
        var docx = await Docx.DownloadAsync(Supervisor(), "/api/reports/half-year?year=2026&half=1&format=docx");
        Assert.Multiple(() =>
        {
            Assert.That(docx.FileName, Is.EqualTo("温江区文化市场综合执法大队2026年上半年工作总结.docx"));
            Assert.That(docx.Paragraphs[0], Is.EqualTo("温江区文化市场综合执法大队2026年上半年工作总结"));
            Assert.That(docx.Paragraphs, Does.Contain("一、执法检查与案件办理"));
            Assert.That(docx.Paragraphs, Does.Contain("（二）案件办理"));
            Assert.That(docx.Paragraphs, Does.Contain("七、下半年工作思路"));
            foreach (var sentence in Sentences) Assert.That(docx.Text, Does.Contain(sentence));
            Assert.That(docx.Text, Does.Contain("【请填写"));
        });
    }

    [Test]
    public async Task The_xlsx_sheet_lists_the_same_figures()
    {
        using var response = await Supervisor().GetAsync("/api/reports/half-year?year=2026&half=1&format=xlsx");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileNameStar, Is.EqualTo("温江区文化市场综合执法大队2026年上半年工作总结.xlsx"));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        decimal Value(string name) => Convert.ToDecimal(rows.Single(r => (string)r["指标"] == name)["数值"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(rows[0]["指标"], Is.EqualTo("温江区文化市场综合执法大队2026年上半年工作总结"));
            Assert.That(Value("开展检查"), Is.EqualTo(2));
            Assert.That(Value("办结行政违规案件"), Is.EqualTo(2));
            Assert.That(Value("办结率"), Is.EqualTo(100));
            Assert.That(Value("行政复议"), Is.Zero);
            Assert.That(Value("函告温江区市场监督管理局"), Is.EqualTo(2));
            Assert.That(Value("收缴电脑"), Is.EqualTo(12));
            Assert.That(Value("暂扣游戏机"), Is.EqualTo(3));
            Assert.That(Value("受理备案申请"), Is.EqualTo(1));
            Assert.That(Value("经营业主法律法规培训"), Is.EqualTo(2));
            Assert.That(Value("法律法规宣传"), Is.EqualTo(3));
            Assert.That(Value("回复区长信箱"), Is.EqualTo(1));
            Assert.That(Value("回复群众信访函"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_city_reads_its_district_a_station_reads_its_town_and_nobody_reads_another_district()
    {
        var city = await (await Supervisor("510100").GetAsync("/api/reports/half-year?year=2026&half=1&jurisdiction=510115&format=json")).Expect(HttpStatusCode.OK);
        Assert.That(city.GetProperty("figures").GetRawText(), Is.EqualTo(_report.GetProperty("figures").GetRawText()), "the same figures for the city");
        var town = await (await Station().GetAsync("/api/reports/half-year?year=2026&half=1")).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(town.Str("title"), Is.EqualTo("柳城街道文化站2026年上半年工作总结"));
            Assert.That(town.GetProperty("office").GetProperty("publicity").GetInt32(), Is.EqualTo(1));
            Assert.That(town.GetProperty("office").GetProperty("trainings").GetInt32(), Is.Zero);
            Assert.That(town.GetProperty("summary").GetProperty("inspections").GetProperty("itemsSeized").GetInt32(), Is.EqualTo(12));
        });
        await (await Supervisor("510104").GetAsync("/api/reports/half-year?year=2026&half=1&jurisdiction=510115")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync("/api/reports/half-year?year=2026&half=1")).Expect(HttpStatusCode.Forbidden);
        var early = await (await Supervisor().GetAsync("/api/reports/half-year?year=2027&half=1")).Expect(HttpStatusCode.BadRequest);
        Assert.That(early.FieldErrors("half")[0], Does.Contain("尚未开始"));
        var bad = await (await Supervisor().GetAsync("/api/reports/half-year?half=3")).Expect(HttpStatusCode.BadRequest);
        Assert.That(bad.FieldErrors("year"), Is.Not.Empty);
        Assert.That(bad.FieldErrors("half"), Is.Not.Empty);
        await (await Supervisor().GetAsync("/api/reports/half-year?year=2026&half=1&format=pdf")).Expect(HttpStatusCode.BadRequest);
    }
}
