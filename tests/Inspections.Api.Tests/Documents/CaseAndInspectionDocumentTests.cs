using System.Net;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Inspections.Api.Tests.Documents;

/// <summary>
/// An inspection's and a case's documents, built through the API from records made through the API and opened
/// with the Open XML SDK: each names what the record says (venue, officers and their credential numbers, items,
/// limits, case number, party, penalties), dates in Chinese form; a document the stage lacks is a 409.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CaseAndInspectionDocumentTests(string provider) : CaseFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private const string Authority = "成都市温江区文化市场综合执法大队";

    private static readonly string[] Items = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];

    private async Task<JsonElement> InspectionAsync(string venueName, bool notice)
    {
        var venue = await (await Api.ZhangSanClient().PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = venueName, ["address"] = "温江区柳城大道 88 号", ["type"] = "internetCafe", ["operatorName"] = "王某",
            ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("川网文 0115 号"),
        })).Expect(HttpStatusCode.Created);
        var start = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
        var body = new Dictionary<string, object?>
        {
            ["venueId"] = venue.Str("id"), ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(40),
            ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm },
            ["results"] = Items.Select(c => new Dictionary<string, object?>
            {
                ["itemCode"] = c,
                ["result"] = notice && c == "IC-MINOR" ? "violation" : "compliant",
                ["note"] = notice && c == "IC-MINOR" ? "发现 1 名未成年人上网" : null,
            }).ToList(),
            ["outcome"] = notice ? "rectificationNotice" : "compliant",
            ["rectification"] = notice ? new { issuedOn = "2026-03-02", limitDays = 15, requirements = "清退未成年人并完善身份核验" } : null,
            ["seizures"] = notice ? new[] { new { item = "电脑主机", quantity = 10, unit = "台" } } : null,
        };
        return await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
    }

    [Test]
    public async Task An_inspections_record_and_rectification_notice_carry_the_venue_officers_items_and_limit()
    {
        SetLocal(2026, 3, 2, 12);
        var inspection = await InspectionAsync("星空网吧", notice: true);
        var id = inspection.Str("id");
        var officer = Api.ZhangSanClient();

        var record = await Docx.DownloadAsync(officer, $"/api/inspections/{id}/documents/inspectionRecord");
        Assert.Multiple(() =>
        {
            Assert.That((record.Authority, record.Heading, record.Title), Is.EqualTo((Authority, "现场检查笔录", "现场检查笔录")));
            Assert.That(record.FileName, Does.StartWith("现场检查笔录（星空网吧"));
            Assert.That(record.Text, Does.Contain("检查时间：二〇二六年三月二日10时00分至10时40分"));
            Assert.That(record.Text, Does.Contain("被检查单位：星空网吧（互联网上网服务营业场所）").And.Contain("经营者：王某").And.Contain("川网文 0115 号"));
            Assert.That(record.Text, Does.Contain($"张三（执法证号：{Officers.Credential(Officers.ZhangSan)}）")
                .And.Contain($"李四（执法证号：{Officers.Credential(Officers.LiSi)}）"));
            var minor = inspection.GetProperty("results").EnumerateArray().Single(r => r.Str("itemCode") == "IC-MINOR").Str("text");
            Assert.That(record.Paragraphs, Does.Contain(minor), "each item checked is a row");
            Assert.That(record.Paragraphs, Does.Contain("违规").And.Contain("发现 1 名未成年人上网").And.Contain("符合"));
            Assert.That(record.Paragraphs, Does.Contain("电脑主机").And.Contain("10台"));
            Assert.That(record.Text, Does.Contain("处理结果：责令整改：责令于二〇二六年三月十七日前整改"));
        });

        var notice = await Docx.DownloadAsync(officer, $"/api/inspections/{id}/documents/rectificationNotice");
        Assert.Multiple(() =>
        {
            Assert.That((notice.Authority, notice.Heading), Is.EqualTo((Authority, "责令整改通知书")));
            Assert.That(notice.Paragraphs, Does.Contain("星空网吧（经营者：王某）："), "addressed to the venue");
            Assert.That(notice.Text, Does.Contain("十五日内，即于二〇二六年三月十七日前整改完毕").And.Contain("清退未成年人并完善身份核验"));
            var minor = inspection.GetProperty("results").EnumerateArray().Single(r => r.Str("itemCode") == "IC-MINOR").Str("text");
            Assert.That(notice.Paragraphs, Has.Some.StartsWith($"一、检查项目“{minor}”不符合要求：发现 1 名未成年人上网。"), "the violations, one by one");
            Assert.That(notice.Text, Does.Contain($"执法证号：{Officers.Credential(Officers.ZhangSan)}").And.Contain($"执法证号：{Officers.Credential(Officers.LiSi)}"));
            Assert.That(notice.Paragraphs.TakeLast(3), Is.EqualTo(new[] { Authority, "（盖章）", "二〇二六年三月二日" }), "the seal block");
        });

        // A supervisor prints it too; the unknown kind is a field error; another district and a stranger's id are refused.
        await Docx.DownloadAsync(Supervisor(), $"/api/inspections/{id}/documents/inspectionRecord");
        var unknown = await (await officer.GetAsync($"/api/inspections/{id}/documents/receipt")).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("kind"), Is.Not.Empty, unknown.ToString());
        Assert.That(unknown.FieldErrors("kind")[0], Does.Contain("rectificationNotice"));
        await (await Officer("510104").GetAsync($"/api/inspections/{id}/documents/inspectionRecord")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("officer", "510104020").GetAsync($"/api/inspections/{id}/documents/inspectionRecord")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync($"/api/inspections/{id}/documents/inspectionRecord")).Expect(HttpStatusCode.Forbidden);
        await (await officer.GetAsync($"/api/inspections/{Guid.NewGuid()}/documents/inspectionRecord")).Expect(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_compliant_inspection_has_a_record_but_no_rectification_notice()
    {
        SetLocal(2026, 3, 2, 12);
        var id = (await InspectionAsync("合规网吧", notice: false)).Str("id");
        var record = await Docx.DownloadAsync(Api.ZhangSanClient(), $"/api/inspections/{id}/documents/inspectionRecord");
        Assert.That(record.Text, Does.Contain("处理结果：未发现问题"));
        var problem = await (await Api.ZhangSanClient().GetAsync($"/api/inspections/{id}/documents/rectificationNotice")).Expect(HttpStatusCode.Conflict);
        Assert.That(problem.Str("detail"), Does.Contain("未下达责令整改通知").And.Contain("没有责令整改通知书"));
    }

    private async Task<JsonElement> Step(JsonElement c, string to, object? extra = null) => await StepOkAsync(Supervisor(), c, to, extra);

    [Test]
    public async Task A_cases_filing_approval_prior_notice_and_decision_follow_its_stages()
    {
        SetLocal(2026, 3, 2);
        var officer = Api.ZhangSanClient();
        var c = await (await officer.PostJson("/api/cases", Lead(partyName: "温江区星空网吧有限公司"))).Expect(HttpStatusCode.Created);
        var id = c.Str("id");
        string Url(string kind) => $"/api/cases/{id}/documents/{kind}";

        var unsigned = await Docx.DownloadAsync(officer, Url("filingApproval"));
        Assert.That((unsigned.Heading, unsigned.Number), Is.EqualTo(("立案审批表", "")), "a lead has no case number yet");
        Assert.That(unsigned.Paragraphs, Does.Contain("温江区星空网吧有限公司").And.Contain("审批人签名：　　　　　　　　年　　月　　日"));
        Assert.That(unsigned.Text, Does.Contain("建议立案调查。承办人：张三　二〇二六年三月二日"));
        var early = await (await officer.GetAsync(Url("priorNotice"))).Expect(HttpStatusCode.Conflict);
        Assert.That(early.Str("detail"), Does.Contain("“线索”阶段").And.Contain("尚未事先告知"));

        c = await Step(c, "filed");
        var number = c.Str("caseNumber");
        Assert.That(number, Does.StartWith("温文执罚〔2026〕"));
        var approval = await Docx.DownloadAsync(officer, Url("filingApproval"));
        Assert.That((approval.Authority, approval.Number), Is.EqualTo((Authority, number)));
        Assert.That(approval.FileName, Is.EqualTo($"立案审批表（{number}）.docx"));
        Assert.That(approval.Paragraphs, Does.Contain("举报（举报 2026-017）").And.Contain($"涉嫌{c.GetProperty("violation").Str("name")}"));
        Assert.That(approval.Text, Does.Contain("同意立案。").And.Contain("二〇二六年三月二日"));

        c = await Step(await Step(c, "investigation"), "legalReview");
        SetLocal(2026, 3, 10);
        c = await Step(c, "priorNotice", new { priorNotice = new { noticeOn = "2026-03-10", rightsWaived = true, proposedPenalty = new { warning = true, fineAmount = 20000m } } });
        var prior = await Docx.DownloadAsync(officer, Url("priorNotice"));
        Assert.Multiple(() =>
        {
            Assert.That((prior.Authority, prior.Heading, prior.Number), Is.EqualTo((Authority, "行政处罚事先告知书", number)));
            Assert.That(prior.Paragraphs, Does.Contain("温江区星空网吧有限公司："));
            Assert.That(prior.Text, Does.Contain("接纳未成年人 3 名上网").And.Contain(c.GetProperty("violation").Str("penaltyBasis")));
            Assert.That(prior.Text, Does.Contain("违反了《互联网上网服务营业场所管理条例》第二十一条的规定"), "the provision cited, not the catalogue's quotation of it");
            Assert.That(prior.Text, Does.Contain("陈述和申辩").And.Contain("五个工作日内"));
            Assert.That(prior.Text, Does.Contain("拟对你（单位）作出如下行政处罚：警告；罚款人民币贰万元整（¥20,000.00）。"), "the proposed penalty (art. 44)");
            Assert.That(prior.Text, Does.Contain("有权要求听证"), "a proposed fine of 20,000 is a large one: the hearing right is told");
            Assert.That(prior.Paragraphs.Last(), Is.EqualTo("二〇二六年三月十日"));
        });
        var undecided = await (await officer.GetAsync(Url("decision"))).Expect(HttpStatusCode.Conflict);
        Assert.That(undecided.Str("detail"), Does.Contain("尚未作出行政处罚决定"));

        SetLocal(2026, 3, 20);
        c = await Step(c, "decided", new { decision = new { warning = true, fineAmount = 5000m } });
        var decision = await Docx.DownloadAsync(officer, Url("decision"));
        Assert.Multiple(() =>
        {
            Assert.That((decision.Authority, decision.Heading, decision.Number), Is.EqualTo((Authority, "行政处罚决定书", number)));
            Assert.That(decision.FileName, Is.EqualTo($"行政处罚决定书（{number}）.docx"));
            Assert.That(decision.Text, Does.Contain("当事人：温江区星空网吧有限公司").And.Contain("91350100M000100Y43"));
            Assert.That(decision.Text, Does.Contain("本机关于二〇二六年三月二日立案调查").And.Contain("于二〇二六年三月十日向当事人送达了行政处罚事先告知书"));
            Assert.That(decision.Paragraphs, Does.Contain("一、警告；").And.Contain("二、罚款人民币伍仟元整（¥5,000.00）；"));
            Assert.That(decision.Text, Does.Contain("十五日内").And.Contain("缴纳罚没款"));
            Assert.That(decision.Text, Does.Contain("六十日内向成都市温江区人民政府申请行政复议").And.Contain("六个月内依法向人民法院提起行政诉讼"));
            Assert.That(decision.Paragraphs.TakeLast(3), Is.EqualTo(new[] { Authority, "（盖章）", "二〇二六年三月二十日" }));
        });
        var told = await Docx.DownloadAsync(officer, Url("priorNotice"));
        Assert.That(told.Text, Does.Contain("拟对你（单位）作出如下行政处罚：警告；罚款人民币贰万元整（¥20,000.00）"),
            "the notice prints what was proposed, not what was decided later");

        // Cases are the brigade's: another district, a town station, a clerk and a stranger's id are refused.
        await (await Officer("510104").GetAsync(Url("decision"))).Expect(HttpStatusCode.Forbidden);
        var station = await (await Api.Client("officer", "510115001").GetAsync(Url("decision"))).Expect(HttpStatusCode.Forbidden);
        Assert.That(station.Str("detail"), Does.Contain("执法大队"));
        await (await Api.Client("clerk").GetAsync(Url("decision"))).Expect(HttpStatusCode.Forbidden);
        await (await officer.GetAsync($"/api/cases/{Guid.NewGuid()}/documents/decision")).Expect(HttpStatusCode.NotFound);
        var unknown = await (await officer.GetAsync($"/api/cases/{id}/documents/rectificationNotice")).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("kind"), Is.Not.Empty, unknown.ToString());
    }

    [Test]
    public async Task A_heavy_penalty_after_a_hearing_is_written_in_capital_figures_and_told_with_the_hearing_right()
    {
        SetLocal(2026, 5, 6);
        var c = await (await Api.ZhangSanClient().PostJson("/api/cases", Lead(partyName: "重罚网吧有限公司"))).Expect(HttpStatusCode.Created);
        foreach (var to in new[] { "filed", "investigation", "legalReview" }) c = await Step(c, to);
        c = await Step(c, "priorNotice", new
        {
            priorNotice = new { noticeOn = "2026-05-06", rightsWaived = false, proposedPenalty = new { fineAmount = 10500.50m, confiscatedIncome = 100000m, suspensionDays = 30 } },
        });
        SetLocal(2026, 5, 8);
        c = await Step(c, "hearing", new { hearing = new { requestedOn = "2026-05-08" } });
        SetLocal(2026, 6, 1);
        c = await Step(c, "decided", new { decision = new { fineAmount = 10500.50m, confiscatedIncome = 100000m, suspensionDays = 30 } });

        var url = $"/api/cases/{c.Str("id")}/documents/";
        var decision = await Docx.DownloadAsync(Api.ZhangSanClient(), url + "decision");
        Assert.Multiple(() =>
        {
            Assert.That(decision.Paragraphs, Does.Contain("一、罚款人民币壹万零伍佰元伍角整（¥10,500.50）；")
                .And.Contain("二、没收违法所得人民币壹拾万元整（¥100,000.00）；")
                .And.Contain("三、责令停业整顿三十日；"));
            Assert.That(decision.Text, Does.Contain("当事人于二〇二六年五月八日提出听证申请，本机关依法举行了听证"));
            Assert.That(decision.Paragraphs.Last(), Is.EqualTo("二〇二六年六月一日"));
        });
        var prior = await Docx.DownloadAsync(Api.ZhangSanClient(), url + "priorNotice");
        Assert.That(prior.Text, Does.Contain("有权要求听证"), "a fine from the threshold up, confiscation and suspension are heavy penalties");
        Assert.That(prior.Text, Does.Contain("罚款人民币壹万零伍佰元伍角整（¥10,500.50）；没收违法所得人民币壹拾万元整（¥100,000.00）；责令停业整顿三十日"));
    }

    [Test]
    public async Task The_prior_notice_states_the_proposed_penalty_and_tells_the_hearing_right_only_for_a_heavy_one()
    {
        SetLocal(2026, 4, 1);
        var c = await (await Api.ZhangSanClient().PostJson("/api/cases", Lead(partyName: "轻罚网吧"))).Expect(HttpStatusCode.Created);
        foreach (var to in new[] { "filed", "investigation", "legalReview" }) c = await Step(c, to);
        c = await Step(c, "priorNotice", new
        {
            priorNotice = new
            {
                noticeOn = "2026-04-01", rightsWaived = false,
                proposedPenalty = new { warning = true, fineAmount = 2500.5m, confiscatedItems = "盗版光盘 12 张" },
            },
        });
        var prior = await Docx.DownloadAsync(Api.ZhangSanClient(), $"/api/cases/{c.Str("id")}/documents/priorNotice");
        Assert.That(prior.Text, Does.Contain("拟对你（单位）作出如下行政处罚：警告；罚款人民币贰仟伍佰元伍角整（¥2,500.50）；没收盗版光盘 12 张。"));
        Assert.That(prior.Text, Does.Not.Contain("有权要求听证"), "a warning, a small fine and confiscated discs are no heavy penalty: no hearing");
        Assert.That(prior.Text, Does.Contain("陈述和申辩"), "the statement right is always told");
    }

    [Test]
    public async Task A_no_penalty_decision_has_no_penalty_decision_document()
    {
        SetLocal(2026, 4, 1);
        var c = await (await Api.ZhangSanClient().PostJson("/api/cases", Lead(partyName: "不罚网吧"))).Expect(HttpStatusCode.Created);
        foreach (var to in new[] { "filed", "investigation", "legalReview" }) c = await Step(c, to);
        c = await Step(c, "priorNotice", new { priorNotice = new { noticeOn = "2026-04-01", rightsWaived = true, proposedPenalty = new { warning = true, fineAmount = 3000 } } });
        c = await Step(c, "noPenalty", new { note = "违法行为轻微并及时改正，没有造成危害后果" });
        var problem = await (await Api.ZhangSanClient().GetAsync($"/api/cases/{c.Str("id")}/documents/decision")).Expect(HttpStatusCode.Conflict);
        Assert.That(problem.Str("detail"), Does.Contain("不予处罚决定"));
        var english = Api.ZhangSanClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var en = await (await english.GetAsync($"/api/cases/{c.Str("id")}/documents/decision")).Expect(HttpStatusCode.Conflict);
        Assert.That(en.Str("detail"), Does.Contain("no penalty decision"));
    }

    /// <summary>A browser signed in to the pages, with the session cookie the sign-in page issues.</summary>
    private HttpClient Browser(string role, string jurisdiction = "510115")
    {
        var options = Api.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(PageAuth.CookieScheme);
        var identity = TokenIssuer.Identity(new Inspections.Core.Features.Users.TokenSubject($"{role}-{jurisdiction}", "测试" + role, [role], jurisdiction, null, null),
            PageAuth.CookieScheme);
        var properties = new AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        var cookie = options.TicketDataFormat.Protect(new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(identity), properties, PageAuth.CookieScheme));
        var client = Api.Client(null);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        client.DefaultRequestHeaders.Add("Cookie", $"{PageAuth.CookieName}={cookie}");
        return client;
    }

    [Test]
    public async Task The_record_pages_list_the_documents_their_stage_has_and_serve_them_by_the_same_requests()
    {
        SetLocal(2026, 3, 2, 12);
        var inspection = (await InspectionAsync("页面打印网吧", notice: true)).Str("id");
        var officer = Browser("officer");
        var page = await (await officer.GetAsync($"/inspections/{inspection}")).Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("打印/下载文书").And.Contain("data-kind=\"inspectionRecord\"").And.Contain("data-kind=\"rectificationNotice\""));
        var notice = await Docx.DownloadAsync(officer, $"/inspections/{inspection}?handler=document&kind=rectificationNotice");
        Assert.That((notice.Heading, notice.Paragraphs[3]), Is.EqualTo(("责令整改通知书", "页面打印网吧（经营者：王某）：")));

        var c = await (await Api.ZhangSanClient().PostJson("/api/cases", Lead(partyName: "页面打印公司"))).Expect(HttpStatusCode.Created);
        var casePage = await (await Browser("supervisor").GetAsync($"/cases/{c.Str("id")}")).Content.ReadAsStringAsync();
        Assert.That(casePage, Does.Contain("data-kind=\"filingApproval\"").And.Not.Contain("data-kind=\"decision\""), "a lead has only its approval form");
        var approval = await Docx.DownloadAsync(Browser("supervisor"), $"/cases/{c.Str("id")}?handler=document&kind=filingApproval");
        Assert.That(approval.Paragraphs, Does.Contain("页面打印公司"));
        var early = await Browser("supervisor").GetAsync($"/cases/{c.Str("id")}?handler=document&kind=decision");
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the page refuses what the API refuses");

        // A town station is refused a case document asked for by address (cases are the district brigade's rows and work).
        var refused = await Browser("officer", "510115001").GetAsync($"/cases/{c.Str("id")}?handler=document&kind=filingApproval");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
