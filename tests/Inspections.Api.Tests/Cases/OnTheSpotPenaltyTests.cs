using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Cases;

/// <summary>
/// The simplified procedure 简易程序 (行政处罚法 arts. 51-52): a warning, or a fine up to ¥200 for a citizen
/// or ¥3,000 for an organisation, filed as its own numbered decision form, with no case and no 90-day clock.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class OnTheSpotPenaltyTests(string provider) : CaseFixture(provider)
{
    private static Dictionary<string, object?> Form(string number, string kind, decimal? fine, bool? warning = null, string? occurredOn = "2026-03-01") => new()
    {
        ["documentNumber"] = number,
        ["decidedOn"] = "2026-03-02",
        ["place"] = "温江区柳城大道 88 号星空网吧",
        ["party"] = kind == "person"
            ? new { kind, name = "王某", idNumber = "510115198801010011" }
            : new { kind, name = "成都星空网络有限公司", unifiedSocialCreditCode = ValidCreditCode },
        ["violationCode"] = "cafe-minors-admitted",
        ["facts"] = "未在显著位置悬挂未成年人禁入标志，当场责令改正。",
        ["occurredOn"] = occurredOn,
        ["warning"] = warning,
        ["fineAmount"] = fine,
    };

    [Test]
    public async Task A_fine_within_the_caps_is_filed_as_its_own_decision_without_a_case_or_a_clock()
    {
        SetLocal(2026, 3, 2);
        var cases = await Api.CountAsync("cases");
        var person = await (await Officer().PostJson("/api/on-the-spot-penalties", Form("温文执当〔2026〕001号", "person", 200m))).Expect(HttpStatusCode.Created);
        Assert.That((person.Str("procedure"), person.GetProperty("fineAmount").GetDecimal(), person.Str("decidedOn")), Is.EqualTo(("simplified", 200m, "2026-03-02")));
        Assert.That(person.TryGetProperty("clocks", out _), Is.False, "no decision limit in the simplified procedure");
        var organisation = await (await Officer().PostJson("/api/on-the-spot-penalties", Form("温文执当〔2026〕002号", "company", 3000m))).Expect(HttpStatusCode.Created);
        Assert.That(organisation.GetProperty("party").Str("kind"), Is.EqualTo("company"));
        var warning = await (await Officer().PostJson("/api/on-the-spot-penalties", Form("温文执当〔2026〕003号", "company", null, warning: true))).Expect(HttpStatusCode.Created);
        Assert.That((warning.GetProperty("warning").GetBoolean(), warning.GetProperty("fineAmount").ValueKind), Is.EqualTo((true, JsonValueKind.Null)));
        Assert.That(await Api.CountAsync("cases"), Is.EqualTo(cases), "no case is opened");

        var read = await (await Supervisor().GetAsync($"/api/on-the-spot-penalties/{person.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That((read.Str("documentNumber"), read.GetProperty("violation").Str("legalBasis").Length > 0), Is.EqualTo(("温文执当〔2026〕001号", true)));
        await (await Api.Client("officer", "510104").GetAsync($"/api/on-the-spot-penalties/{person.Str("id")}")).Expect(HttpStatusCode.Forbidden);
        var again = await (await Officer().PostJson("/api/on-the-spot-penalties", Form("温文执当〔2026〕001号", "person", 50m))).Expect(HttpStatusCode.Conflict);
        Assert.That(again.Str("detail"), Does.Contain("已登记"));
    }

    [Test]
    public async Task A_fine_too_large_for_the_database_is_a_field_error_not_a_crash()
    {
        SetLocal(2026, 3, 2);
        var before = await Api.CountAsync("on_the_spot_penalties");
        // 9223372036854775808 yuan: more fen than a long holds (found by the contract sweep as a 500).
        var problem = await (await Officer().PostJson("/api/on-the-spot-penalties", Form("温文执当〔2026〕990号", "person", 9223372036854775808m)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("fineAmount"), Has.Some.Contains("200 元"));
        Assert.That(await Api.CountAsync("on_the_spot_penalties"), Is.EqualTo(before));
    }

    [TestCase("person", 200.01, "fineAmount", "200 元")]
    [TestCase("company", 3000.01, "fineAmount", "3000 元")]
    [TestCase("company", null, "warning", "警告或者罚款")]
    public async Task Beyond_art_51_is_a_field_error_and_writes_nothing(string kind, double? fine, string field, string says)
    {
        SetLocal(2026, 3, 2);
        var before = await Api.CountAsync("on_the_spot_penalties");
        var problem = await (await Officer().PostJson("/api/on-the-spot-penalties", Form($"温文执当〔2026〕9{kind.Length}{fine}号", kind, (decimal?)fine)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors(field).Single(), Does.Contain(says));
        var english = await (await Api.Client("officer", "510115", "en").PostJson("/api/on-the-spot-penalties", Form("x-1", kind, (decimal?)fine)))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(english.FieldErrors(field).Single(), Does.Not.Match(@"\p{IsCJKUnifiedIdeographs}"));
        Assert.That(await Api.CountAsync("on_the_spot_penalties"), Is.EqualTo(before));
    }

    [Test]
    public async Task Dates_in_the_future_or_past_the_limitation_are_refused_and_stations_may_not_file()
    {
        SetLocal(2026, 3, 2);
        var future = Form("温文执当〔2026〕010号", "person", 100m);
        future["decidedOn"] = "2026-03-03";
        Assert.That((await (await Officer().PostJson("/api/on-the-spot-penalties", future)).Expect(HttpStatusCode.BadRequest)).FieldErrors("decidedOn"), Is.Not.Empty);
        var stale = Form("温文执当〔2026〕011号", "person", 100m, occurredOn: "2024-03-01");
        Assert.That((await (await Officer().PostJson("/api/on-the-spot-penalties", stale)).Expect(HttpStatusCode.BadRequest)).FieldErrors("occurredOn").Single(),
            Does.Contain("第三十六条"));
        await (await Api.Client("clerk").PostJson("/api/on-the-spot-penalties", Form("温文执当〔2026〕012号", "person", 100m))).Expect(HttpStatusCode.Forbidden);
    }
}
