using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Api.Tests.Permits;

namespace Inspections.Api.Tests.Documents;

/// <summary>
/// The window's notices to the applicant, built through the API and opened with the Open XML SDK: the correction
/// notice names every missing material, the acceptance notice the limits, the refusal its reasons and the remedies;
/// a notice the application's stage lacks is a 409; only the district's window prints them.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PermitDocumentTests(string provider) : PermitFixture(provider)
{
    private const string Authority = "成都市温江区文化广电旅游局";

    [Test]
    public async Task An_application_prints_its_correction_notice_then_its_acceptance_notice()
    {
        SetLocal(2026, 3, 2);
        var clerk = As("clerk", "吴窗口");
        var p = await ReceiveAsync(clerk, Application("audio-video-retail", "establish", "application", "business-licence"));
        string Url(string kind) => $"/api/permits/{p.Str("id")}/documents/{kind}";

        var none = await (await clerk.GetAsync(Url("correctionNotice"))).Expect(HttpStatusCode.Conflict);
        Assert.That(none.Str("detail"), Does.Contain("“收件”阶段").And.Contain("没有补正材料通知书"));
        await (await clerk.GetAsync(Url("acceptanceNotice"))).Expect(HttpStatusCode.Conflict);

        p = await StepOkAsync(clerk, p, "correctionRequested", new { note = "请补齐材料后再来" });
        var missing = p.GetProperty("correctionItems").EnumerateArray().Select(m => m.Str("name")).ToArray();
        Assert.That(missing, Has.Length.EqualTo(2));
        var correction = await Docx.DownloadAsync(clerk, Url("correctionNotice"));
        Assert.Multiple(() =>
        {
            Assert.That((correction.Authority, correction.Heading), Is.EqualTo((Authority, "补正材料通知书")));
            Assert.That(correction.FileName, Does.StartWith("补正材料通知书（成都星空网络有限公司"));
            Assert.That(correction.Paragraphs, Does.Contain("成都星空网络有限公司："));
            Assert.That(correction.Text, Does.Contain($"你（单位）于二〇二六年三月二日提出的{p.Str("itemName")}（设立）申请"));
            Assert.That(correction.Paragraphs, Does.Contain($"1. {missing[0]}").And.Contain($"2. {missing[1]}"), "every missing material, at once");
            Assert.That(correction.Text, Does.Contain("请补齐材料后再来").And.Contain("首问责任人）：吴窗口"));
            Assert.That(correction.Paragraphs.TakeLast(3), Is.EqualTo(new[] { Authority, "（盖章）", "二〇二六年三月二日" }));
        });

        SetLocal(2026, 3, 4);
        p = await StepOkAsync(clerk, p, "accepted", new { materials = new[] { "representative-id", "premises" } });
        var acceptance = await Docx.DownloadAsync(clerk, Url("acceptanceNotice"));
        Assert.Multiple(() =>
        {
            Assert.That((acceptance.Authority, acceptance.Heading), Is.EqualTo((Authority, "受理通知书")));
            Assert.That(acceptance.Text, Does.Contain($"申请编号：{p.Str("id")}"));
            Assert.That(acceptance.Text, Does.Contain("申请材料齐全、符合法定形式").And.Contain("决定予以受理"));
            Assert.That(acceptance.Text, Does.Contain("受理日期：二〇二六年三月四日").And.Contain("法定办理时限为三十个工作日，承诺办理时限为五个工作日"));
            Assert.That(acceptance.Paragraphs.Last(), Is.EqualTo("二〇二六年三月四日"));
        });
        var notRefused = await (await clerk.GetAsync(Url("notAcceptedDecision"))).Expect(HttpStatusCode.Conflict);
        Assert.That(notRefused.Str("detail"), Does.Contain("“受理”阶段").And.Contain("没有不予受理决定书"));

        // A supervisor prints it; another district's window, a town station, an officer and a stranger's id do not.
        await Docx.DownloadAsync(Supervisor(), Url("acceptanceNotice"));
        await (await As("clerk", "郑窗口", "510104").GetAsync(Url("acceptanceNotice"))).Expect(HttpStatusCode.Forbidden);
        var station = await (await As("clerk", "柳城文化站", "510115001").GetAsync(Url("acceptanceNotice"))).Expect(HttpStatusCode.Forbidden);
        Assert.That(station.Str("detail"), Does.Contain("政务服务窗口"));
        await (await As("officer", "张执法").GetAsync(Url("acceptanceNotice"))).Expect(HttpStatusCode.Forbidden);
        await (await clerk.GetAsync($"/api/permits/{Guid.NewGuid()}/documents/acceptanceNotice")).Expect(HttpStatusCode.NotFound);
        var unknown = await (await clerk.GetAsync(Url("licence"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(unknown.FieldErrors("kind"), Is.Not.Empty, unknown.ToString());
    }

    [Test]
    public async Task A_refused_application_prints_its_not_accepted_decision_with_the_reasons_and_remedies()
    {
        SetLocal(2026, 3, 5);
        var clerk = As("clerk", "冯窗口");
        var p = await ReceiveAsync(clerk, Application("publication-retail", "annualInspection", "application"));
        p = await StepOkAsync(clerk, p, "notAccepted", new { note = "申请事项依法不属于本机关职权范围" });
        var decision = await Docx.DownloadAsync(clerk, $"/api/permits/{p.Str("id")}/documents/notAcceptedDecision");
        Assert.Multiple(() =>
        {
            Assert.That((decision.Authority, decision.Heading), Is.EqualTo((Authority, "不予受理决定书")));
            Assert.That(decision.Text, Does.Contain("二〇二六年三月五日提出的").And.Contain("（年检）申请"));
            Assert.That(decision.Text, Does.Contain("经审查，申请事项依法不属于本机关职权范围。").And.Contain("本机关决定不予受理"));
            Assert.That(decision.Text, Does.Contain("六十日内向成都市温江区人民政府申请行政复议").And.Contain("六个月内"));
            Assert.That(decision.Paragraphs.Last(), Is.EqualTo("二〇二六年三月五日"));
        });
        await (await clerk.GetAsync($"/api/permits/{p.Str("id")}/documents/acceptanceNotice")).Expect(HttpStatusCode.Conflict);
    }
}
