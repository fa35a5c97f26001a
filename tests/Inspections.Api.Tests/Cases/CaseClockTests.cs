using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Cases;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class CaseClockTests(string provider) : CaseFixture(provider)
{
    private static JsonElement Decision(JsonElement c) => c.GetProperty("clocks").GetProperty("decision");

    [Test]
    public async Task The_90_day_limit_rolls_over_National_Day_and_a_suspension_and_an_extension_push_it()
    {
        // Filed Sat 2026-07-04: day 90 is 10-02, inside the National Day holiday, so the limit rolls to Thu 10-08.
        SetLocal(2026, 7, 4);
        var c = await StepOkAsync(Supervisor(), await OpenLeadAsync(), "filed");
        Assert.That(Decision(c).Str("dueDate"), Is.EqualTo("2026-10-08"));
        Assert.That(Decision(c).Str("explanation"), Does.Contain("立案 2026-07-04").And.Contain("办案期限 90 日").And.Contain("国庆节假期").And.Contain("顺延至 2026-10-08"));
        Assert.That(Decision(c).GetProperty("remainingDays").GetInt32(), Is.EqualTo(96));

        // An appraisal 8-10..8-16 is not counted: 7 days later, 10-09 (a Friday, a working day).
        SetLocal(2026, 8, 10);
        c = await StepOkAsync(Officer(), c, "investigation");
        c = await RecordAsync(Officer(), c, "suspensions", new { kind = "appraisal", startOn = "2026-08-10", reason = "送检电脑硬盘，鉴定期间不计入办案期限" });
        Assert.That(Decision(c).Str("status"), Is.EqualTo("suspended"));
        SetLocal(2026, 8, 20);
        var suspension = c.GetProperty("suspensions")[0].Str("id");
        var early = await RecordAsync(Officer(), c, $"suspensions/{suspension}/end", new { endOn = "2026-08-21" }, HttpStatusCode.BadRequest);
        Assert.That(early.FieldErrors("endOn"), Is.Not.Empty, "an end in the future");
        c = await RecordAsync(Officer(), c, $"suspensions/{suspension}/end", new { endOn = "2026-08-16" });
        Assert.That(Decision(c).Str("dueDate"), Is.EqualTo("2026-10-09"));
        Assert.That(Decision(c).GetProperty("suspendedDays").GetInt32(), Is.EqualTo(7));
        Assert.That(Decision(c).Str("explanation"), Does.Contain("中止 7 日"));

        // Only a supervisor extends, with a reason: +30 days is Sun 11-08, rolled to Mon 11-09.
        await RecordAsync(Officer(), c, "extensions", new { days = 30, reason = "案情复杂" }, HttpStatusCode.Forbidden);
        var noReason = await RecordAsync(Supervisor(), c, "extensions", new { days = 30 }, HttpStatusCode.BadRequest);
        Assert.That(noReason.FieldErrors("reason"), Is.Not.Empty);
        c = await RecordAsync(Supervisor(), c, "extensions", new { days = 30, reason = "案情复杂，需进一步调查取证" });
        Assert.That(Decision(c).Str("dueDate"), Is.EqualTo("2026-11-09"));
        Assert.That(Decision(c).Str("explanation"), Does.Contain("批准延长 30 日（案情复杂，需进一步调查取证）"));

        SetLocal(2026, 11, 1);
        Assert.That(Decision(await Get(c)).Str("status"), Is.EqualTo("dueSoon"));
        SetLocal(2026, 11, 10);
        var overdue = Decision(await Get(c));
        Assert.That(overdue.Str("status"), Is.EqualTo("overdue"));
        Assert.That(overdue.Str("explanation"), Does.Contain("已超期"));
    }

    [Test]
    public async Task A_suspension_must_start_after_filing_and_only_while_the_decision_limit_runs()
    {
        SetLocal(2026, 5, 6);
        var c = await StepOkAsync(Supervisor(), await OpenLeadAsync(), "filed");
        var before = await RecordAsync(Officer(), c, "suspensions", new { kind = "appraisal", startOn = "2026-05-01", reason = "鉴定" }, HttpStatusCode.BadRequest);
        Assert.That(before.FieldErrors("startOn"), Is.Not.Empty);
        var lead = await OpenLeadAsync();
        var problem = await RecordAsync(Officer(), lead, "suspensions", new { kind = "appraisal", startOn = "2026-05-06", reason = "鉴定" }, HttpStatusCode.Conflict);
        Assert.That(problem.Str("currentStage"), Is.EqualTo("lead"));
    }

    [Test]
    public async Task The_deadline_scan_sees_open_decision_limits_and_unserved_decisions()
    {
        SetLocal(2026, 3, 2);
        var open = await CarryAsync("filed", "investigation");
        var decided = await CarryAsync("filed", "investigation", "legalReview", "priorNotice", "decided");
        SetLocal(2026, 6, 2);
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var alerts = (await (await Supervisor().GetAsync("/api/alerts?subjectType=case&kind=overdue")).Expect(HttpStatusCode.OK)).ToString();
        Assert.That(alerts, Does.Contain(open.Str("caseNumber")), "decision limit 3-02 + 90 days = 5-31 → 6-01, overdue on 6-02");
        Assert.That(alerts, Does.Contain(decided.Str("caseNumber")), "service limit 3-02 + 7 working days (行政处罚法 arts. 61, 85) = 3-11, overdue");
    }

    private async Task<JsonElement> Get(JsonElement c) =>
        await (await Supervisor().GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
}
