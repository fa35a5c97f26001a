using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Reports;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Registers;

/// <summary>
/// The six registers 台账 as XLSX: each opened with MiniExcel has the Chinese headers and exactly the rows the matching
/// search (or list) answers for the same filters, in the same order, with enum values in Chinese words and dates in
/// Beijing yyyy-MM-dd; the roles and jurisdiction scoping are the search's.
/// <code>
/// 510115  venues 星空网吧 licensed · 无名黑网吧 unlicensed · 新华书店 licensed bookshop
///         inspections 3-02 星空网吧 compliant · 3-03 星空网吧 rectification notice · 3-04 无名黑网吧 case lead (joint)
///         cases: one closed, one filed · window: a filing completed 3-09, an establishment received 3-10
///         campaign 无证网吧集中整治 with 无名黑网吧 (notice 3-10, 5 days: overdue by July) · alerts from a scan on 7-10
/// 510104  venue 锦江网吧 (outside 510115's registers)
/// </code>
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class RegisterTests(string provider) : HalfYearFixture(provider)
{
    private string _campaign = "";

    [OneTimeSetUp]
    public async Task AHalfYear()
    {
        SetLocal(2026, 3, 2, 9);
        var cafe = await Venue("星空网吧", "internetCafe", "licensed");
        var black = await Venue("无名黑网吧", "internetCafe", "unlicensed");
        await Venue("新华书店", "bookshop", "licensed");
        await Venue("锦江网吧", "internetCafe", "licensed", "510104");

        await Inspect(cafe, 3, 2, null, "compliant");
        await Inspect(cafe, 3, 3, "IC-MINOR", "rectificationNotice",
            new() { ["rectification"] = new { limitDays = 15, requirements = "清退未成年人" } });
        await Inspect(black, 3, 4, "IC-LIC", "caseLead", new()
        {
            ["kind"] = "joint", ["jointDepartments"] = new[] { "commerce" }, ["caseLeadDescription"] = "无证经营互联网上网服务", ["venueClosed"] = true,
        });

        SetLocal(2026, 3, 5);
        await CarryAsync("filed", "investigation", "legalReview", "priorNotice", "decided", "served", "executed", "closed");
        SetLocal(2026, 3, 6);
        await CarryAsync("filed");

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
        SetLocal(2026, 3, 10);
        await (await clerk.PostJson("/api/permits", new
        {
            itemCode = "internet-cafe", kind = "establish",
            applicant = new { name = "温江极速网络会所", phone = "028-82711235" },
            materials = new[] { "application" },
        })).Expect(HttpStatusCode.Created);

        var campaign = await (await Officer().PostJson("/api/unlicensed-campaigns", new
        {
            name = "无证网吧集中整治", startsOn = "2026-03-01", endsOn = "2026-05-31", venueTypes = new[] { "internetCafe" },
        })).Expect(HttpStatusCode.Created);
        _campaign = campaign.Str("id");
        var linked = await (await Officer().PostJson($"/api/unlicensed-campaigns/{_campaign}/venues", new { venueId = black, foundOn = "2026-03-04" }))
            .Expect(HttpStatusCode.Created);
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{_campaign}/venues/{linked.Str("id")}/notice",
            new { version = linked.GetProperty("version").GetInt64(), issuedOn = "2026-03-10", limitDays = 5, requirements = "停止无证经营" }))
            .Expect(HttpStatusCode.OK);

        SetLocal(2026, 7, 10);
        await (await Api.Client("admin").PostJson("/api/alerts/scan", new { })).Expect(HttpStatusCode.OK);
    }

    /// <summary>Every page of a search, in its order.</summary>
    private static async Task<List<JsonElement>> AllAsync(HttpClient client, string url, string itemsProperty = "items")
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await (await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))
                .Expect(HttpStatusCode.OK);
            all.AddRange(page.GetProperty(itemsProperty).EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.Str("nextCursor") : null;
        } while (cursor is not null);
        return all;
    }

    private static string Beijing(string instant) =>
        DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");

    [Test]
    public async Task The_venue_register_holds_the_search_rows()
    {
        var officer = Officer();
        foreach (var filter in new[] { "", "?type=bookshop", "?licenseStatus=licensed&name=网吧", "?jurisdiction=510115" })
        {
            var sheet = await Sheet.DownloadAsync(officer, "/api/registers/venues.xlsx" + filter);
            var search = await AllAsync(officer, "/api/venues" + filter);
            Assert.Multiple(() =>
            {
                Assert.That(sheet.Headers, Is.EqualTo(new[]
                {
                    "序号", "场所名称", "场所类型", "证照状态", "许可证号", "许可证有效期至", "经营地址", "经营者", "法定代表人",
                    "统一社会信用代码", "所属辖区", "终端数", "包房数", "登记日期",
                }));
                Assert.That(search, Is.Not.Empty, filter);
                Assert.That(sheet.Column("序号"), Is.EqualTo(Enumerable.Range(1, search.Count).Select(n => n.ToString())));
                Assert.That(sheet.Column("场所名称"), Is.EqualTo(search.Select(v => v.Str("name"))), filter);
                Assert.That(sheet.Column("经营地址"), Is.EqualTo(search.Select(v => v.Str("address"))));
                Assert.That(sheet.Column("场所类型"), Is.EqualTo(search.Select(v => v.Str("type") switch
                {
                    "internetCafe" => "互联网上网服务营业场所", "bookshop" => "出版物零售", var t => t,
                })));
                Assert.That(sheet.Column("证照状态"), Is.EqualTo(search.Select(v => v.Str("licenseStatus") == "licensed" ? "持证" : "无证无照")));
                Assert.That(sheet.Column("终端数"), Is.EqualTo(search.Select(v => v.GetProperty("terminals").ValueKind == JsonValueKind.Number ? v.GetProperty("terminals").GetInt32().ToString() : "")));
                Assert.That(sheet.Column("登记日期"), Is.EqualTo(search.Select(v => Beijing(v.Str("createdAt")))));
                Assert.That(sheet.Column("所属辖区"), Is.All.Not.EqualTo("510115").And.All.Not.Empty, "jurisdictions by name");
            });
        }
        var only = await Sheet.DownloadAsync(officer, "/api/registers/venues.xlsx?type=bookshop");
        Assert.That(only.Column("场所名称"), Is.EqualTo(new[] { "新华书店" }));
        var neighbour = await Sheet.DownloadAsync(Officer("510104"), "/api/registers/venues.xlsx");
        Assert.That(neighbour.Column("场所名称"), Is.EqualTo(new[] { "锦江网吧" }), "another district's register holds its own venues only");
    }

    [Test]
    public async Task The_inspection_ledger_holds_the_search_rows()
    {
        var officer = Officer();
        foreach (var filter in new[] { "", "?outcome=caseLead", "?from=2026-03-03&to=2026-03-04", "?kind=joint" })
        {
            var sheet = await Sheet.DownloadAsync(officer, "/api/registers/inspections.xlsx" + filter);
            var search = await AllAsync(officer, "/api/inspections" + filter);
            Assert.Multiple(() =>
            {
                Assert.That(sheet.Headers, Is.EqualTo(new[]
                {
                    "序号", "检查日期", "开始时间", "结束时间", "场所名称", "场所类型", "检查类型", "处理结果", "违规项数", "整改期限",
                    "转立案线索", "责令停业", "所属辖区",
                }));
                Assert.That(search, Is.Not.Empty, filter);
                Assert.That(sheet.Column("场所名称"), Is.EqualTo(search.Select(i => i.Str("venueName"))), filter);
                Assert.That(sheet.Column("检查日期"), Is.EqualTo(search.Select(i => Beijing(i.Str("startedAt")))));
                Assert.That(sheet.Column("处理结果"), Is.EqualTo(search.Select(i => i.Str("outcome") switch
                {
                    "compliant" => "未发现问题", "rectificationNotice" => "责令整改", "caseLead" => "转立案", var o => o,
                })));
                Assert.That(sheet.Column("检查类型"), Is.EqualTo(search.Select(i => i.Str("kind") == "joint" ? "联合检查" : "日常检查")));
                Assert.That(sheet.Column("违规项数"), Is.EqualTo(search.Select(i => i.GetProperty("violations").GetInt32().ToString())));
                Assert.That(sheet.Column("责令停业"), Is.EqualTo(search.Select(i => i.GetProperty("venueClosed").GetBoolean() ? "是" : "否")));
            });
        }
        var dates = (await Sheet.DownloadAsync(officer, "/api/registers/inspections.xlsx")).Column("检查日期");
        Assert.That(dates, Is.EqualTo(new[] { "2026-03-04", "2026-03-03", "2026-03-02" }), "newest first, Beijing dates");
    }

    [Test]
    public async Task The_case_register_holds_the_search_rows()
    {
        var supervisor = Supervisor();
        foreach (var filter in new[] { "", "?openOnly=true", "?stage=closed", "?filedFrom=2026-03-06&filedTo=2026-03-06" })
        {
            var sheet = await Sheet.DownloadAsync(supervisor, "/api/registers/cases.xlsx" + filter);
            var search = await AllAsync(supervisor, "/api/cases" + filter);
            Assert.Multiple(() =>
            {
                Assert.That(sheet.Headers, Is.EqualTo(new[] { "序号", "案号", "当事人", "违法行为", "案件来源", "办理阶段", "承办人", "立案日期", "登记日期", "所属辖区" }));
                Assert.That(search, Has.Count.EqualTo(filter == "" ? 2 : 1), filter);
                Assert.That(sheet.Column("案号"), Is.EqualTo(search.Select(c => c.Str("caseNumber"))), filter);
                Assert.That(sheet.Column("当事人"), Is.EqualTo(search.Select(c => c.Str("partyName"))));
                Assert.That(sheet.Column("违法行为"), Is.EqualTo(search.Select(c => c.Str("violationName"))));
                Assert.That(sheet.Column("办理阶段"), Is.EqualTo(search.Select(c => c.Str("stageName"))));
                Assert.That(sheet.Column("案件来源"), Is.All.EqualTo("举报"));
                Assert.That(sheet.Column("立案日期"), Is.EqualTo(search.Select(c => c.Str("filedOn"))));
            });
        }
        Assert.That((await Sheet.DownloadAsync(supervisor, "/api/registers/cases.xlsx?stage=closed")).Column("办理阶段"), Is.EqualTo(new[] { "结案" }));
    }

    [Test]
    public async Task The_window_ledger_holds_every_application_of_the_jurisdiction()
    {
        var clerk = Api.Client("clerk");
        var all = await Sheet.DownloadAsync(clerk, "/api/registers/permits.xlsx");
        Assert.Multiple(() =>
        {
            Assert.That(all.Headers, Is.EqualTo(new[]
            {
                "序号", "收件日期", "申请人", "统一社会信用代码", "许可事项", "申请类型", "办理阶段", "受理日期", "法定时限（工作日）",
                "承诺时限（工作日）", "办结日期", "许可证号", "承办人", "所属辖区",
            }));
            Assert.That(all.Column("申请人"), Is.EqualTo(new[] { "成都星光演艺有限公司", "温江极速网络会所" }), "in the order received");
            Assert.That(all.Column("收件日期"), Is.EqualTo(new[] { "2026-03-09", "2026-03-10" }));
            Assert.That(all.Column("申请类型"), Is.EqualTo(new[] { "备案", "设立" }));
            Assert.That(all.Column("办理阶段"), Is.EqualTo(new[] { "办结", "收件" }));
            Assert.That(all.Column("办结日期"), Is.EqualTo(new[] { "2026-03-09", "" }));
        });
        Assert.That((await Sheet.DownloadAsync(clerk, "/api/registers/permits.xlsx?stage=completed")).Column("申请人"), Is.EqualTo(new[] { "成都星光演艺有限公司" }));
        Assert.That((await Sheet.DownloadAsync(clerk, "/api/registers/permits.xlsx?from=2026-03-10&to=2026-03-31")).Column("申请人"), Is.EqualTo(new[] { "温江极速网络会所" }));
        Assert.That((await Sheet.DownloadAsync(clerk, "/api/registers/permits.xlsx?kind=change")).Rows, Is.Empty);
        Assert.That((await Sheet.DownloadAsync(Api.Client("clerk", "510104"), "/api/registers/permits.xlsx")).Rows, Is.Empty, "another district's window");
    }

    [Test]
    public async Task The_campaign_ledger_holds_the_campaign_list()
    {
        var officer = Officer();
        var sheet = await Sheet.DownloadAsync(officer, $"/api/registers/campaign-venues.xlsx?campaignId={_campaign}");
        var list = (await (await officer.GetAsync($"/api/unlicensed-campaigns/{_campaign}/venues")).Expect(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(sheet.Headers, Is.EqualTo(new[]
            {
                "序号", "场所名称", "场所类型", "经营地址", "经营者", "所在辖区", "排查日期", "排查情况", "整改通知日期", "整改期限",
                "消防", "工商", "环保", "卫生", "整治结果", "结果日期", "证书编号",
            }));
            Assert.That(sheet.Column("场所名称"), Is.EqualTo(list.Select(v => v.Str("venueName"))));
            Assert.That(sheet.Column("排查日期"), Is.EqualTo(list.Select(v => v.Str("foundOn"))));
            Assert.That(sheet.Column("整改期限"), Is.EqualTo(list.Select(v => v.Str("noticeDueOn"))));
            Assert.That(sheet.Column("消防"), Is.All.EqualTo("待审核"));
            Assert.That(sheet.Column("场所名称"), Does.Contain("无名黑网吧"));
        });
        var missing = await (await officer.GetAsync("/api/registers/campaign-venues.xlsx")).Expect(HttpStatusCode.BadRequest);
        Assert.That(missing.FieldErrors("campaignId"), Is.Not.Empty);
        await (await officer.GetAsync($"/api/registers/campaign-venues.xlsx?campaignId={Guid.NewGuid()}")).Expect(HttpStatusCode.NotFound);
        await (await Officer("510104").GetAsync($"/api/registers/campaign-venues.xlsx?campaignId={_campaign}")).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_alert_list_holds_the_list_rows()
    {
        var supervisor = Supervisor();
        foreach (var filter in new[] { "", "?kind=overdue", "?subjectType=unlicensedNotice", "?includeAcknowledged=true" })
        {
            var sheet = await Sheet.DownloadAsync(supervisor, "/api/registers/alerts.xlsx" + filter);
            var list = await AllAsync(supervisor, "/api/alerts" + filter);
            Assert.Multiple(() =>
            {
                Assert.That(sheet.Headers, Is.EqualTo(new[] { "序号", "预警类型", "事项类型", "事项", "预警内容", "到期日", "预警时间", "责任人", "已确认", "确认时间", "所属辖区" }));
                Assert.That(list, Is.Not.Empty, filter);
                Assert.That(sheet.Column("事项"), Is.EqualTo(list.Select(a => a.Str("title"))), filter);
                Assert.That(sheet.Column("到期日"), Is.EqualTo(list.Select(a => a.Str("dueDate"))));
                Assert.That(sheet.Column("预警类型"), Is.EqualTo(list.Select(a => a.Str("kind") == "overdue" ? "已超期" : "即将到期")));
            });
        }
        var notices = await Sheet.DownloadAsync(supervisor, "/api/registers/alerts.xlsx?subjectType=unlicensedNotice");
        Assert.That(notices.Column("事项类型"), Is.All.EqualTo("无证无照整改通知"));
    }

    [Test]
    public async Task Registers_answer_the_searches_roles_scoping_and_field_errors()
    {
        // The roles of the search each register matches.
        await (await Api.Client("clerk").GetAsync("/api/registers/cases.xlsx")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync("/api/registers/inspections.xlsx")).Expect(HttpStatusCode.Forbidden);
        await (await Officer().GetAsync("/api/registers/permits.xlsx")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("admin").GetAsync("/api/registers/campaign-venues.xlsx?campaignId=" + _campaign)).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client(null).GetAsync("/api/registers/venues.xlsx")).Expect(HttpStatusCode.Unauthorized);
        // Another district's jurisdiction is not the caller's to read.
        await (await Officer().GetAsync("/api/registers/venues.xlsx?jurisdiction=510104")).Expect(HttpStatusCode.Forbidden);
        await (await Officer().GetAsync("/api/registers/inspections.xlsx?jurisdiction=510104")).Expect(HttpStatusCode.Forbidden);
        // The search's field errors, Chinese by default and English on request.
        var zh = await (await Officer().GetAsync("/api/registers/venues.xlsx?type=casino")).Expect(HttpStatusCode.BadRequest);
        Assert.That(zh.FieldErrors("type"), Is.EqualTo(new[] { "未知的场所类型" }));
        var en = await (await Api.Client("officer", language: "en").GetAsync("/api/registers/inspections.xlsx?from=2026-03-05&to=2026-03-01")).Expect(HttpStatusCode.BadRequest);
        Assert.That(en.FieldErrors("to"), Is.EqualTo(new[] { "The period ends before it starts" }));
        var stage = await (await Api.Client("clerk").GetAsync("/api/registers/permits.xlsx?stage=lost")).Expect(HttpStatusCode.BadRequest);
        Assert.That(stage.FieldErrors("stage"), Is.Not.Empty);
    }
}
