using Inspections.Domain.Calendar;
using static Inspections.Domain.Tests.Calendar.CalendarFixtures;

namespace Inspections.Domain.Tests.Calendar;

public sealed class ClockExplanationTests
{
    [Test]
    public void Permit_explanation_names_the_Spring_Festival_the_suspension_and_the_make_up_due_day()
    {
        var clock = WorkingClock("2026-02-12", 5, new ClockSuspension(D("2026-02-24"), D("2026-02-25"), "专家评审"));
        var evaluation = Evaluator.Evaluate(clock, Local(2026, 2, 13), 2);

        var text = Evaluator.Explain(clock, evaluation, ClockWording.PermitPromised);

        Assert.That(text, Is.EqualTo(
            "受理 2026-02-12，承诺时限 5 个工作日，春节假期顺延，中止 2 个工作日，应于 2026-02-28（调休上班日）办结；剩余 4 个工作日"));
    }

    [Test]
    public void Penalty_case_explanation_says_the_due_day_fell_on_National_Day_and_was_moved()
    {
        var clock = NaturalClock("2026-07-03", 90)
            .WithExtension(new ClockExtension(30, "李局长", "案情复杂"));
        var evaluation = Evaluator.Evaluate(clock, Local(2026, 11, 5), 7);

        var text = Evaluator.Explain(clock, evaluation, ClockWording.PenaltyCase);

        // 120 days after Jul 3 is Sat Oct 31, a weekend, so Mon Nov 2; as of Nov 5 three days overdue.
        Assert.That(text, Is.EqualTo(
            "立案 2026-07-03，办案期限 90 日，经李局长批准延长 30 日（案情复杂），期满日 2026-10-31 为休息日，顺延至 2026-11-02，应于 2026-11-02 作出处罚决定；已超期 3 日"));
    }

    [Test]
    public void Explanation_mentions_every_holiday_period_crossed_and_a_late_completion()
    {
        var clock = WorkingClock("2026-09-24", 5).WithCompletion(Local(2026, 10, 12, 9, 30));
        var evaluation = Evaluator.Evaluate(clock, Local(2026, 10, 20), 2);

        var text = Evaluator.Explain(clock, evaluation, ClockWording.PermitStatutory);

        // Due Fri Oct 9; completed Mon Oct 12 after Sat Oct 10 (make-up) and Mon 12 = 2 working days late.
        Assert.That(text, Is.EqualTo(
            "受理 2026-09-24，法定时限 5 个工作日，中秋节、国庆节假期顺延，应于 2026-10-09 办结；已于 2026-10-12 办结，超期 2 个工作日"));
    }

    [Test]
    public void Explanation_warns_when_the_calendar_year_is_missing()
    {
        var clock = WorkingClock("2026-12-30", 5);
        var evaluation = Evaluator.Evaluate(clock, Local(2026, 12, 30), 2);

        var text = Evaluator.Explain(clock, evaluation, ClockWording.PermitPromised);

        Assert.That(text, Does.EndWith("（注意：2027 年工作日历尚未载入，暂按周末推算，请核实）"));
    }

    [Test]
    public void Explanation_of_a_natural_day_clock_on_a_holiday_names_the_holiday()
    {
        var clock = NaturalClock("2026-07-03", 90);
        var evaluation = Evaluator.Evaluate(clock, Local(2026, 9, 30), 7);

        var text = Evaluator.Explain(clock, evaluation, ClockWording.PenaltyCase);

        Assert.That(text, Does.Contain("期满日 2026-10-01 为国庆节假期，顺延至 2026-10-08"));
        Assert.That(text, Does.EndWith("；剩余 8 日"));
    }

    [Test]
    public void Late_over_the_weekend_after_a_Friday_deadline_is_overdue_without_a_day_count()
    {
        // Due Fri 2026-03-06 (Mon 2 + 4 working days); Saturday is already past 24:00 of the due day.
        var clock = WorkingClock("2026-03-02", 4);
        var evaluation = Evaluator.Evaluate(clock, Local(2026, 3, 7), 2);

        Assert.That(evaluation.Status, Is.EqualTo(ClockStatus.Overdue));
        Assert.That(evaluation.RemainingDays, Is.Zero);
        Assert.That(Evaluator.Explain(clock, evaluation, ClockWording.PermitPromised), Does.EndWith("应于 2026-03-06 办结；已超期"));
        Assert.That(Evaluator.Evaluate(clock, Local(2026, 3, 9), 2).RemainingDays, Is.EqualTo(-1));
    }

    [Test]
    public void Explanation_of_a_suspended_clock_says_the_clock_is_paused()
    {
        // Accepted Mon 2026-03-02, Tue 3 counted, suspended since Wed 4; as of Tue 10 that is 5 working days.
        var clock = WorkingClock("2026-03-02", 5, new ClockSuspension(D("2026-03-04"), null, "现场核查"));
        var evaluation = Evaluator.Evaluate(clock, Local(2026, 3, 10), 2);

        Assert.That(Evaluator.Explain(clock, evaluation, ClockWording.PermitPromised), Is.EqualTo(
            "受理 2026-03-02，承诺时限 5 个工作日，中止 5 个工作日，应于 2026-03-16 办结；目前中止计时，剩余 4 个工作日"));
    }
}
