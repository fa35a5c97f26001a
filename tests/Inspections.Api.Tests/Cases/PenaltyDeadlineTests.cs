using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Cases;

/// <summary>
/// The penalty side of docs/deadlines.md, row by row, through the host on the State Council's 2025
/// National Day arrangement (holiday 10-01..10-08, make-up working days Sun 09-28 and Sat 10-11). The
/// 90-day decision limit's row (art. 60) is <see cref="CaseClockTests"/>' National Day 2026 case.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class PenaltyDeadlineTests(string provider) : CaseFixture(provider)
{
    private static JsonElement ClockOf(JsonElement c, string name) => c.GetProperty("clocks").GetProperty(name);

    /// <summary>A lead for an act of 2025-09-01 carried along <paramref name="path"/> today, every section in each body.</summary>
    private async Task<JsonElement> CarryFromSeptemberAsync(params string[] path)
    {
        var c = await OpenLeadAsync(LeadOn("2025-09-01"));
        foreach (var to in path) c = await StepOkAsync(Supervisor(), c, to, Sections(Today));
        return c;
    }

    [Test]
    public async Task Art_64_and_85_the_partys_five_days_are_working_days_so_a_notice_before_National_Day_runs_to_10_14()
    {
        SetLocal(2025, 9, 29);
        var c = await CarryFromSeptemberAsync("filed", "investigation", "legalReview");
        SetLocal(2025, 9, 30);
        c = await StepOkAsync(Supervisor(), c, "priorNotice", new { priorNotice = new { noticeOn = "2025-09-30", rightsWaived = false, proposedPenalty = new { warning = true, fineAmount = 3000 } } });
        var statement = ClockOf(c, "statement");
        // 10-09 (1), 10-10 (2), Sat 10-11 make-up (3), 10-13 (4), 10-14 (5). As natural days it ended 10-05 → 10-09.
        Assert.That(statement.Str("dueDate"), Is.EqualTo("2025-10-14"));
        Assert.That(statement.Str("explanation"), Does.Contain("5 个工作日").And.Contain("国庆节、中秋节假期顺延"));

        SetLocal(2025, 10, 14);
        var early = await (await StepAsync(Supervisor(), c, "decided", Sections(Today))).Expect(HttpStatusCode.Conflict);
        Assert.That(early.Str("statementPeriodEnds"), Is.EqualTo("2025-10-14"), "no decision while the party's period runs");
        c = await StepOkAsync(Officer(), c, "hearing", new { hearing = new { requestedOn = "2025-10-14" } });
        Assert.That(c.Str("hearingRequestedOn"), Is.EqualTo("2025-10-14"), "the fifth working day is still in time");
        Assert.That(ClockOf(c, "statement").ValueKind, Is.EqualTo(JsonValueKind.Null), "the period ends with the request");
    }

    [Test]
    public async Task Art_61_and_85_service_within_seven_working_days_of_a_decision_on_Friday_09_26_runs_to_10_13()
    {
        SetLocal(2025, 9, 26);
        var c = await CarryFromSeptemberAsync("filed", "investigation", "legalReview", "priorNotice", "decided");
        var service = ClockOf(c, "service");
        // Sun 09-28 make-up (1), 09-29 (2), 09-30 (3), 10-09 (4), 10-10 (5), Sat 10-11 (6), 10-13 (7).
        Assert.That(service.Str("dueDate"), Is.EqualTo("2025-10-13"));
        Assert.That(service.Str("explanation"), Does.Contain("送达期限 7 个工作日"));
        SetLocal(2025, 10, 13, hour: 17);
        c = await StepOkAsync(Officer(), c, "served", new { service = new { method = "邮寄送达" } });
        Assert.That(ClockOf(c, "service").Str("status"), Is.EqualTo("completedOnTime"));
    }

    [Test]
    public async Task Art_67_and_72_fifteen_natural_days_end_on_a_holiday_and_move_then_each_day_late_adds_three_percent_up_to_the_fine()
    {
        SetLocal(2025, 9, 19);
        var c = await CarryFromSeptemberAsync("filed", "investigation", "legalReview", "priorNotice", "decided", "served");
        var payment = ClockOf(c, "payment");
        Assert.That(payment.Str("dueDate"), Is.EqualTo("2025-10-09"), "09-19 + 15 = 10-04, in the holiday, moves to 10-09");
        Assert.That(payment.Str("explanation"), Does.Contain("缴款期限 15 日").And.Contain("顺延至 2025-10-09"));
        var surcharge = c.GetProperty("lateSurcharge");
        Assert.That((surcharge.GetProperty("daysLate").GetInt32(), surcharge.GetProperty("amount").GetDecimal()), Is.EqualTo((0, 0m)));

        SetLocal(2025, 10, 9, hour: 23);
        surcharge = (await GetCase(c)).GetProperty("lateSurcharge");
        Assert.That(surcharge.GetProperty("daysLate").GetInt32(), Is.Zero, "the moved last day is still in time");

        SetLocal(2025, 10, 12);
        surcharge = (await GetCase(c)).GetProperty("lateSurcharge");
        Assert.That((surcharge.GetProperty("daysLate").GetInt32(), surcharge.GetProperty("amount").GetDecimal()), Is.EqualTo((3, 450m)),
            "¥5,000 × 3% × 3 days");

        SetLocal(2025, 11, 20);
        surcharge = (await GetCase(c)).GetProperty("lateSurcharge");
        Assert.That((surcharge.GetProperty("daysLate").GetInt32(), surcharge.GetProperty("amount").GetDecimal(), surcharge.GetProperty("cap").GetDecimal()),
            Is.EqualTo((42, 5000m, 5000m)), "126% is capped at the fine itself");
        Assert.That(surcharge.Str("explanation"), Does.Contain("第七十二条").And.Contain("上限"));

        // Paid on 10-12: the execution step counts the surcharge owed on that day.
        var before = await Api.CountAsync("case_stage_history");
        var missing = await (await StepAsync(Officer(), c, "executed", new { execution = new { finePaidOn = "2025-10-12", finePaidAmount = 5000m } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(missing.FieldErrors("execution.surchargePaidAmount").Single(), Does.Contain("加处罚款 450.00 元").And.Contain("逾期 3 日"));
        var english = await (await Api.Client("officer", "510115", "en").PostJson($"/api/cases/{c.Str("id")}/transitions", new
        {
            to = "executed", version = c.GetProperty("version").GetInt64(), execution = new { finePaidOn = "2025-10-12", finePaidAmount = 5000m, surchargePaidAmount = 100m },
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(english.FieldErrors("execution.surchargePaidAmount").Single(), Does.Contain("surcharge of 450.00 yuan"));
        Assert.That(await Api.CountAsync("case_stage_history"), Is.EqualTo(before), "a refused step writes nothing");

        c = await StepOkAsync(Officer(), c, "executed", new { execution = new { finePaidOn = "2025-10-12", finePaidAmount = 5000m, surchargePaidAmount = 450m } });
        surcharge = c.GetProperty("lateSurcharge");
        Assert.That((surcharge.Str("asOf"), surcharge.GetProperty("amount").GetDecimal(), surcharge.GetProperty("paidAmount").GetDecimal()),
            Is.EqualTo(("2025-10-12", 450m, 450m)));
        Assert.That(ClockOf(c, "payment").Str("status"), Is.EqualTo("completedLate"));
    }

    [Test]
    public async Task A_fine_paid_in_time_owes_no_surcharge_and_may_not_be_charged_one()
    {
        SetLocal(2025, 9, 19);
        var c = await CarryFromSeptemberAsync("filed", "investigation", "legalReview", "priorNotice", "decided", "served");
        SetLocal(2025, 10, 9);
        var charged = await (await StepAsync(Officer(), c, "executed", new { execution = new { finePaidOn = "2025-10-09", finePaidAmount = 5000m, surchargePaidAmount = 150m } }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(charged.FieldErrors("execution.surchargePaidAmount"), Is.Not.Empty);
        c = await StepOkAsync(Officer(), c, "executed", new { execution = new { finePaidOn = "2025-10-09", finePaidAmount = 5000m } });
        Assert.That(c.GetProperty("lateSurcharge").GetProperty("paidAmount").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(ClockOf(c, "payment").Str("status"), Is.EqualTo("completedOnTime"));
    }

    [Test]
    public async Task Art_36_a_lead_discovered_more_than_two_years_after_a_continuing_act_ended_cannot_be_filed()
    {
        SetLocal(2025, 10, 1);
        var before = await Api.CountAsync("cases");
        var past = await (await Officer().PostJson("/api/cases", LeadOn("2023-06-01", endedOn: "2023-09-30"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(past.FieldErrors("endedOn").Single(), Does.Contain("第三十六条").And.Contain("2025-09-30 届满"));
        var english = await (await Api.Client("officer", "510115", "en").PostJson("/api/cases", LeadOn("2023-06-01", endedOn: "2023-09-30")))
            .Expect(HttpStatusCode.BadRequest);
        Assert.That(english.FieldErrors("endedOn").Single(), Does.Contain("art. 36"));
        var single = await (await Officer().PostJson("/api/cases", LeadOn("2023-09-30"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(single.FieldErrors("occurredOn"), Is.Not.Empty, "an act of one day counts from that day");
        Assert.That(await Api.CountAsync("cases"), Is.EqualTo(before), "nothing written");

        // A continuing act that ended two years ago to the day is still in time; a serious harm gives five years.
        var inTime = await OpenLeadAsync(LeadOn("2023-06-01", endedOn: "2023-10-01"));
        Assert.That((inTime.Str("endedOn"), inTime.Str("limitationEndsOn")), Is.EqualTo(("2023-10-01", "2025-10-01")));
        var serious = await OpenLeadAsync(LeadOn("2023-06-01", endedOn: "2023-09-30", seriousHarm: true));
        Assert.That((serious.GetProperty("seriousHarm").GetBoolean(), serious.Str("limitationEndsOn")), Is.EqualTo((true, "2028-09-30")));
        await StepOkAsync(Supervisor(), serious, "filed");

        var future = await (await Officer().PostJson("/api/cases", LeadOn("2025-10-02"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(future.FieldErrors("occurredOn"), Is.Not.Empty);
        var backwards = await (await Officer().PostJson("/api/cases", LeadOn("2025-09-10", endedOn: "2025-09-01"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(backwards.FieldErrors("endedOn").Single(), Does.Contain("不能早于"));
    }

    private async Task<JsonElement> GetCase(JsonElement c) =>
        await (await Supervisor().GetAsync($"/api/cases/{c.Str("id")}")).Expect(HttpStatusCode.OK);
}
