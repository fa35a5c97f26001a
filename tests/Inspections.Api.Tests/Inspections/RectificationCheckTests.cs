using System.Net;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>A rectification notice stays open work, with alerts, until its follow-up check 整改复查 is recorded.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class RectificationCheckTests(string provider) : ApiFixture(provider)
{
    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private static readonly string[] Items = ["IC-LIC", "IC-MINOR", "IC-SIGN", "IC-HOURS", "IC-ID", "IC-CONTENT", "IC-FIRE"];

    private async Task<(string Id, long Version)> InspectionWithNotice(string venueName, bool notice = true)
    {
        var venue = await (await Api.Client("officer").PostJson("/api/venues", new Dictionary<string, object?>
        {
            ["name"] = venueName, ["address"] = $"温江区公平街道 {Guid.NewGuid().ToString("N")[..6]} 号", ["type"] = "internetCafe",
            ["licenseStatus"] = "licensed", ["licenseNumber"] = Licences.Unique("川网文 0115 号"),
        })).Expect(HttpStatusCode.Created);
        var results = Items.Select(c => new Dictionary<string, object?>
        {
            ["itemCode"] = c,
            ["result"] = notice && c == "IC-MINOR" ? "violation" : "compliant",
            ["note"] = notice && c == "IC-MINOR" ? "发现 1 名未成年人" : null,
        }).ToList();
        var start = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
        var body = new Dictionary<string, object?>
        {
            ["venueId"] = venue.Str("id"), ["kind"] = "routine", ["startedAt"] = start, ["endedAt"] = start.AddMinutes(30),
            ["officers"] = new[] { Officers.ZhangSanOnForm, Officers.LiSiOnForm }, ["results"] = results,
            ["outcome"] = notice ? "rectificationNotice" : "compliant",
            ["rectification"] = notice ? new { issuedOn = "2026-03-02", limitDays = 15, requirements = "清退未成年人" } : null,
        };
        var created = await (await Api.ZhangSanClient().PostJson("/api/inspections", body)).Expect(HttpStatusCode.Created);
        return (created.Str("id"), created.GetProperty("version").GetInt64());
    }

    private static object Check(long version, string result = "rectified", string checkedOn = "2026-03-16", string? note = "已清退并安装身份核验设备") =>
        new { version, result, checkedOn, note };

    [Test]
    public async Task An_unchecked_notice_past_its_limit_raises_an_overdue_alert()
    {
        var (id, _) = await InspectionWithNotice("逾期未复查网吧");
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var alerts = await (await Api.Client("officer").GetAsync("/api/alerts?subjectType=notice&kind=overdue&limit=200")).Expect(HttpStatusCode.OK);
        var alert = alerts.GetProperty("items").EnumerateArray().Single(a => a.Str("subjectId") == id);
        Assert.That(alert.Str("dueDate"), Is.EqualTo("2026-03-17"));
        Assert.That(alert.Str("title"), Does.Contain("逾期未复查网吧"));
        Assert.That(alert.Str("message"), Does.Contain("整改期限").And.Contain("15"));
    }

    [Test]
    public async Task The_follow_up_check_is_recorded_once_and_closes_the_notice()
    {
        var (id, version) = await InspectionWithNotice("复查网吧");
        var officer = Api.ZhangSanClient();

        await (await officer.PostJson($"/api/inspections/{id}/rectification-check", Check(version + 5))).Expect(HttpStatusCode.Conflict);
        var done = await (await officer.PostJson($"/api/inspections/{id}/rectification-check", Check(version))).Expect(HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(done.Str("rectificationCheckedOn"), Is.EqualTo("2026-03-16"));
            Assert.That(done.Str("rectificationResult"), Is.EqualTo("rectified"));
            Assert.That(done.Str("rectificationCheckedBy"), Is.EqualTo("张三"));
            Assert.That(done.GetProperty("version").GetInt64(), Is.EqualTo(version + 1));
        });
        var again = await (await officer.PostJson($"/api/inspections/{id}/rectification-check", Check(version + 1))).Expect(HttpStatusCode.Conflict);
        Assert.That(again.Str("detail"), Does.Contain("已于 2026-03-16 复查"));

        var before = await Api.CountAsync("alerts");
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var alerts = await (await Api.Client("officer").GetAsync("/api/alerts?subjectType=notice&limit=200")).Expect(HttpStatusCode.OK);
        Assert.That(alerts.GetProperty("items").EnumerateArray().Select(a => a.Str("subjectId")), Does.Not.Contain(id));
        Assert.That(await Api.CountAsync("alerts"), Is.GreaterThanOrEqualTo(before));
    }

    private static IEnumerable<TestCaseData> BadChecks()
    {
        yield return new TestCaseData(Check(1, "notRectified", note: null), "note").SetName("{m}(not rectified without a note)");
        yield return new TestCaseData(Check(1, "maybe"), "result").SetName("{m}(unknown result)");
        yield return new TestCaseData(Check(1, checkedOn: "2026-03-01"), "checkedOn").SetName("{m}(checked before the notice)");
        yield return new TestCaseData(Check(1, checkedOn: "2099-01-01"), "checkedOn").SetName("{m}(checked in the future)");
        yield return new TestCaseData(new { result = "rectified", checkedOn = "2026-03-16" }, "version").SetName("{m}(no version)");
    }

    [TestCaseSource(nameof(BadChecks))]
    public async Task A_bad_check_is_a_field_error_and_writes_nothing(object body, string field)
    {
        var (id, _) = await InspectionWithNotice("错误复查网吧" + field);
        var auditBefore = await Api.CountAsync("audit_entries");
        var problem = await (await Api.ZhangSanClient().PostJson($"/api/inspections/{id}/rectification-check", body)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field), Is.Not.Empty, problem.ToString());
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(auditBefore));
        var inspection = await (await Api.ZhangSanClient().GetAsync($"/api/inspections/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(inspection.GetProperty("rectificationCheckedOn").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Only_officers_and_supervisors_of_the_district_check_and_only_notices_are_checked()
    {
        var (id, version) = await InspectionWithNotice("越权复查网吧");
        await (await Api.Client("clerk").PostJson($"/api/inspections/{id}/rectification-check", Check(version))).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client("officer", jurisdiction: "510104").PostJson($"/api/inspections/{id}/rectification-check", Check(version)))
            .Expect(HttpStatusCode.Forbidden);

        var (compliant, v2) = await InspectionWithNotice("合规网吧", notice: false);
        var problem = await (await Api.ZhangSanClient().PostJson($"/api/inspections/{compliant}/rectification-check", Check(v2)))
            .Expect(HttpStatusCode.Conflict);
        Assert.That(problem.Str("detail"), Does.Contain("未下达责令整改通知"));
    }
}
