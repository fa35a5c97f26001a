using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.InspectionsFeature;

namespace Inspections.Api.Tests.Reports;

/// <summary>
/// Half a year of district 510115, counted by hand:
/// <code>
/// venues       星空网吧 licensed · 无名黑网吧 unlicensed (found 3-02) · 新华书店 licensed
/// inspections  3-02 routine 星空网吧 compliant · 3-03 routine 星空网吧 minors → rectification notice
///              3-04 joint (commerce) 无名黑网吧 no licence → case lead, 10 computers seized, closed down
///              7-05 routine 星空网吧 (after the period: not counted)
/// cases        A filed 3-05 and closed 3-05 · B filed 3-06, still open; A sends one referral letter 3-05
/// window       one performance filing 备案 recorded 3-09
/// campaign     无证网吧集中整治 3-01..5-31, the 3-04 black internet café linked to it as found
/// </code>
/// So: 3 inspections (routine 2, joint 1), 2 with violations, 1 notice, 1 closed down, 10 seized;
/// cases filed 2, closed 1 (50%), no reconsideration; 1 application accepted; 1 letter to the commerce bureau.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class WorkSummaryTests(string provider) : HalfYearFixture(provider)
{

    private JsonElement _report;

    [OneTimeSetUp]
    public async Task HalfAYear()
    {
        SetLocal(2026, 3, 2, 9);
        var cafe = await Venue("星空网吧", "internetCafe", "licensed");
        var black = await Venue("无名黑网吧", "internetCafe", "unlicensed");
        await Venue("新华书店", "bookshop", "licensed");

        await Inspect(cafe, 3, 2, null, "compliant");
        await Inspect(cafe, 3, 3, "IC-MINOR", "rectificationNotice",
            new() { ["rectification"] = new { limitDays = 15, requirements = "清退未成年人" } });
        await Inspect(black, 3, 4, "IC-LIC", "caseLead", new()
        {
            ["kind"] = "joint", ["jointDepartments"] = new[] { "commerce" }, ["caseLeadDescription"] = "无证经营互联网上网服务",
            ["seizures"] = new[] { new { item = "电脑主机", quantity = 10, unit = "台" } }, ["venueClosed"] = true,
        });

        SetLocal(2026, 3, 5);
        var a = await CarryAsync("filed", "investigation", "legalReview", "priorNotice", "decided", "served", "executed", "closed");
        await RecordAsync(Supervisor(), a, "referrals", new { department = "温江区市场监督管理局", reason = "无证经营网吧", sentOn = "2026-03-05" });
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

        var campaign = await (await Officer().PostJson("/api/unlicensed-campaigns", new
        {
            name = "无证网吧集中整治", startsOn = "2026-03-01", endsOn = "2026-05-31", venueTypes = new[] { "internetCafe" },
        })).Expect(HttpStatusCode.Created);
        await (await Officer().PostJson($"/api/unlicensed-campaigns/{campaign.Str("id")}/venues", new { venueId = black, foundOn = "2026-03-04" }))
            .Expect(HttpStatusCode.Created);

        await Inspect(cafe, 7, 5, null, "compliant");
        SetLocal(2026, 7, 10);
        _report = await (await Supervisor().GetAsync("/api/reports/work-summary?from=2026-01-01&to=2026-06-30&asOf=2026-06-30")).Expect(HttpStatusCode.OK);
    }

    private static int Of(JsonElement counts, string key) =>
        counts.EnumerateArray().Single(c => c.Str("key") == key).GetProperty("value").GetInt32();

    [Test]
    public void Inspection_and_venue_figures_match_the_hand_count()
    {
        var i = _report.GetProperty("inspections");
        Assert.Multiple(() =>
        {
            Assert.That(i.GetProperty("total").GetInt32(), Is.EqualTo(3));
            Assert.That(Of(i.GetProperty("byKind"), "routine"), Is.EqualTo(2));
            Assert.That(Of(i.GetProperty("byKind"), "joint"), Is.EqualTo(1));
            Assert.That(Of(i.GetProperty("byOutcome"), "compliant"), Is.EqualTo(1));
            Assert.That(i.GetProperty("withViolations").GetInt32(), Is.EqualTo(2));
            Assert.That(i.GetProperty("rectificationNotices").GetInt32(), Is.EqualTo(1));
            Assert.That(i.GetProperty("caseLeads").GetInt32(), Is.EqualTo(1));
            Assert.That(i.GetProperty("venuesClosed").GetInt32(), Is.EqualTo(1));
            Assert.That(i.GetProperty("itemsSeized").GetInt32(), Is.EqualTo(10));
            var v = _report.GetProperty("venues");
            Assert.That(Of(v.GetProperty("byLicenseStatus"), "licensed"), Is.EqualTo(2));
            Assert.That(Of(v.GetProperty("byLicenseStatus"), "unlicensed"), Is.EqualTo(1));
            Assert.That(v.GetProperty("unlicensedFound").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Case_window_and_letter_figures_match_the_hand_count()
    {
        var c = _report.GetProperty("cases");
        Assert.Multiple(() =>
        {
            Assert.That(c.GetProperty("filed").GetInt32(), Is.EqualTo(2));
            Assert.That(c.GetProperty("closed").GetInt32(), Is.EqualTo(1));
            Assert.That(c.GetProperty("closureRate").GetDecimal(), Is.EqualTo(0.5m));
            Assert.That(_report.GetProperty("permitsAccepted").GetInt32(), Is.EqualTo(1));
            Assert.That(Of(_report.GetProperty("referralLetters"), "温江区市场监督管理局"), Is.EqualTo(1));
        });
    }

    [Test]
    public void The_paragraph_reads_like_the_offices_reports()
    {
        var text = _report.Str("paragraph");
        TestContext.Out.WriteLine(text);
        Assert.That(text, Does.StartWith("2026年1月1日至2026年6月30日，共开展检查3次（日常检查2次、联合检查1次）"));
        Assert.That(text, Does.Contain("发现违规2家次，下达责令整改通知1份，取缔关停1家，收缴查扣物品10件（台），摸底排查无证经营场所1家"));
        Assert.That(text, Does.Contain("立案2起，办结行政违规案件1起，办结率达50%，无一例行政复议"));
        Assert.That(text, Does.Contain("办证大厅受理备案申请1件"));
        Assert.That(text, Does.Contain("函告温江区市场监督管理局1起"));
        Assert.That(text, Does.EndWith("开展无证网吧集中整治，摸底排查无证经营场所1家。"));
        Assert.That(_report.GetProperty("unlicensedCampaigns").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Only_supervisors_read_the_summary_and_the_period_is_required()
    {
        await (await Officer().GetAsync("/api/reports/work-summary?from=2026-01-01&to=2026-06-30")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("clerk").GetAsync("/api/reports/work-summary?from=2026-01-01&to=2026-06-30")).Expect(HttpStatusCode.Forbidden);
        var problem = await (await Supervisor().GetAsync("/api/reports/work-summary?to=2026-06-30")).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("from"), Is.Not.Empty);
        var other = await (await Supervisor("510104").GetAsync("/api/reports/work-summary?from=2026-01-01&to=2026-06-30")).Expect(HttpStatusCode.OK);
        Assert.That(other.GetProperty("inspections").GetProperty("total").GetInt32(), Is.Zero, "another district's summary counts none of these");
    }
}
