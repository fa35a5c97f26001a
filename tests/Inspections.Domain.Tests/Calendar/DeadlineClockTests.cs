using Inspections.Domain.Calendar;
using static Inspections.Domain.Tests.Calendar.CalendarFixtures;

namespace Inspections.Domain.Tests.Calendar;

public sealed class DeadlineClockTests
{
    private const int DueSoon = 2;

    [Test]
    public void Five_working_day_permit_accepted_Feb_12_2026_is_due_Feb_26_at_24_00_Shanghai()
    {
        var clock = WorkingClock("2026-02-12", 5);

        var result = Evaluator.Evaluate(clock, Local(2026, 2, 13), DueSoon);

        Assert.That(result.DueDate, Is.EqualTo(D("2026-02-26")));
        Assert.That(result.DueInstantUtc, Is.EqualTo(new DateTimeOffset(2026, 2, 26, 16, 0, 0, TimeSpan.Zero)));
        Assert.That(result.DueInstantUtc.Offset, Is.EqualTo(TimeSpan.Zero));
        // as of Fri 13: Sat 14 (1), Tue 24 (2), Wed 25 (3), Thu 26 (4)
        Assert.That(result.RemainingDays, Is.EqualTo(4));
        Assert.That(result.Status, Is.EqualTo(ClockStatus.Running));
        Assert.That(result.CalendarMissing, Is.False);
    }

    [Test]
    public void Completion_at_23_59_59_999_on_the_due_day_is_on_time()
    {
        var clock = WorkingClock("2026-02-12", 5).WithCompletion(Local(2026, 2, 26, 23, 59, 59, 999));

        var result = Evaluator.Evaluate(clock, Local(2026, 3, 31), DueSoon);

        Assert.That(result.Status, Is.EqualTo(ClockStatus.CompletedOnTime));
        Assert.That(result.RemainingDays, Is.Zero);
        Assert.That(result.AsOfDate, Is.EqualTo(D("2026-02-26")));
    }

    [Test]
    public void Completion_exactly_at_24_00_of_the_due_day_is_late()
    {
        // 24:00 on Feb 26 is 00:00 on Feb 27 local, which is the due instant itself.
        var clock = WorkingClock("2026-02-12", 5).WithCompletion(Local(2026, 2, 27, 0, 0));

        var result = Evaluator.Evaluate(clock, Local(2026, 3, 31), DueSoon);

        Assert.That(clock.CompletedAt, Is.EqualTo(result.DueInstantUtc));
        Assert.That(result.Status, Is.EqualTo(ClockStatus.CompletedLate));
        Assert.That(result.RemainingDays, Is.EqualTo(-1));
    }

    [Test]
    public void An_open_clock_turns_overdue_exactly_at_the_due_instant()
    {
        var clock = WorkingClock("2026-02-12", 5);

        var lastMoment = Evaluator.Evaluate(clock, Local(2026, 2, 26, 23, 59, 59, 999), DueSoon);
        var dueInstant = Evaluator.Evaluate(clock, Local(2026, 2, 27, 0, 0), DueSoon);

        Assert.That(lastMoment.Status, Is.EqualTo(ClockStatus.DueSoon));
        Assert.That(lastMoment.RemainingDays, Is.Zero);
        Assert.That(dueInstant.Status, Is.EqualTo(ClockStatus.Overdue));
        Assert.That(dueInstant.RemainingDays, Is.EqualTo(-1));
    }

    [Test]
    public void A_completion_after_the_evaluated_instant_is_not_seen()
    {
        var clock = WorkingClock("2026-02-12", 5).WithCompletion(Local(2026, 2, 25));

        var before = Evaluator.Evaluate(clock, Local(2026, 2, 24), DueSoon);

        Assert.That(before.Status, Is.EqualTo(ClockStatus.DueSoon));
        Assert.That(before.RemainingDays, Is.EqualTo(2));
    }

    [Test]
    public void Due_soon_uses_the_callers_threshold()
    {
        var clock = WorkingClock("2026-02-12", 5);
        var asOf = Local(2026, 2, 24); // remaining: Wed 25, Thu 26

        Assert.That(Evaluator.Evaluate(clock, asOf, 2).Status, Is.EqualTo(ClockStatus.DueSoon));
        Assert.That(Evaluator.Evaluate(clock, asOf, 1).Status, Is.EqualTo(ClockStatus.Running));
    }

    [Test]
    public void The_local_day_is_taken_in_Shanghai_not_UTC()
    {
        var clock = WorkingClock("2026-02-12", 5);

        // 2026-02-26T16:30Z is already 00:30 on Feb 27 in Shanghai.
        var result = Evaluator.Evaluate(clock, new DateTimeOffset(2026, 2, 26, 16, 30, 0, TimeSpan.Zero), DueSoon);

        Assert.That(result.AsOfDate, Is.EqualTo(D("2026-02-27")));
        Assert.That(result.Status, Is.EqualTo(ClockStatus.Overdue));
    }

    [Test]
    public void The_built_in_China_Standard_Time_agrees_with_the_system_Asia_Shanghai_zone()
    {
        var builtIn = new ClockEvaluator(WorkCalendar);
        var clock = WorkingClock("2026-02-12", 5);
        var asOf = new DateTimeOffset(2026, 2, 26, 16, 30, 0, TimeSpan.Zero);

        Assert.That(builtIn.Evaluate(clock, asOf, DueSoon), Is.EqualTo(Evaluator.Evaluate(clock, asOf, DueSoon)));
    }

    [Test]
    public void A_two_working_day_suspension_after_the_festival_moves_the_due_date_to_make_up_Saturday_Feb_28()
    {
        // Fri 13 (1), Sat 14 (2), [Tue 24, Wed 25 suspended], Thu 26 (3), Fri 27 (4), Sat 28 make-up (5)
        var clock = WorkingClock("2026-02-12", 5, new ClockSuspension(D("2026-02-24"), D("2026-02-25"), "专家评审"));

        var result = Evaluator.Evaluate(clock, Local(2026, 2, 13), DueSoon);

        Assert.That(result.DueDate, Is.EqualTo(D("2026-02-28")));
        Assert.That(result.SuspendedDays, Is.EqualTo(2));
    }

    [Test]
    public void A_suspension_spanning_the_Spring_Festival_only_removes_the_working_days_inside_it()
    {
        // [Feb 13, Feb 25] holds Fri 13, Sat 14 (make-up), Tue 24, Wed 25 = 4 working days.
        // Then Thu 26 (1), Fri 27 (2), Sat 28 (3), Mar 2 (4), 3 (5), 4 (6), 5 (7), 6 (8), Mon 9 (9), Tue 10 (10).
        var clock = WorkingClock("2026-02-12", 10, new ClockSuspension(D("2026-02-13"), D("2026-02-25"), "检测"));

        var result = Evaluator.Evaluate(clock, Local(2026, 2, 20), DueSoon);

        Assert.That(result.DueDate, Is.EqualTo(D("2026-03-10")));
        Assert.That(result.SuspendedDays, Is.EqualTo(4));
        Assert.That(result.Status, Is.EqualTo(ClockStatus.Suspended));
        Assert.That(result.RemainingDays, Is.EqualTo(10));
    }

    [Test]
    public void A_suspension_that_starts_after_the_due_date_does_not_rescue_an_overdue_clock()
    {
        var clock = WorkingClock("2026-02-12", 5, new ClockSuspension(D("2026-03-02"), D("2026-03-06"), "听证"));

        var result = Evaluator.Evaluate(clock, Local(2026, 3, 3), DueSoon);

        Assert.That(result.DueDate, Is.EqualTo(D("2026-02-26")));
        Assert.That(result.SuspendedDays, Is.Zero);
        Assert.That(result.Status, Is.EqualTo(ClockStatus.Overdue));
    }

    [Test]
    public void An_open_suspension_freezes_the_remaining_days()
    {
        // Accepted Mon 2026-03-02; Tue 3 counted (1); suspended from Wed 4 with no end yet.
        var clock = WorkingClock("2026-03-02", 5, new ClockSuspension(D("2026-03-04"), null, "现场核查"));

        var tuesday = Evaluator.Evaluate(clock, Local(2026, 3, 10), DueSoon);
        var wednesday = Evaluator.Evaluate(clock, Local(2026, 3, 11), DueSoon);

        Assert.That(tuesday.Status, Is.EqualTo(ClockStatus.Suspended));
        Assert.That(tuesday.RemainingDays, Is.EqualTo(4));
        Assert.That(wednesday.RemainingDays, Is.EqualTo(4));
        // If work resumes the next day: Wed 11, Thu 12, Fri 13, Mon 16 for a due date of Mon 16.
        Assert.That(tuesday.DueDate, Is.EqualTo(D("2026-03-16")));
        Assert.That(wednesday.DueDate, Is.EqualTo(D("2026-03-17")));
        // Before the suspension begins it changes nothing.
        Assert.That(Evaluator.Evaluate(clock, Local(2026, 3, 3), DueSoon).DueDate, Is.EqualTo(D("2026-03-09")));
    }

    [Test]
    public void Overlapping_suspensions_do_not_count_shared_days_twice()
    {
        var clock = WorkingClock("2026-03-02", 5,
            new ClockSuspension(D("2026-03-03"), D("2026-03-05")),
            new ClockSuspension(D("2026-03-04"), D("2026-03-06")));

        var result = Evaluator.Evaluate(clock, Local(2026, 3, 2), DueSoon);

        // Tue 3 – Fri 6 suspended (4 days); Mon 9 .. Fri 13 are the five counted days.
        Assert.That(result.SuspendedDays, Is.EqualTo(4));
        Assert.That(result.DueDate, Is.EqualTo(D("2026-03-13")));
    }

    [Test]
    public void An_approved_extension_adds_its_days_to_the_limit()
    {
        // Statutory 20 + 10 (art. 42), accepted Mon 2026-03-02; 清明节 Apr 4–6 takes Mon Apr 6.
        var clock = WorkingClock("2026-03-02", 20)
            .WithExtension(new ClockExtension(10, "王科长", "需现场核查"));

        var result = Evaluator.Evaluate(clock, Local(2026, 3, 2), DueSoon);

        // Mar 3..6 (4), 9..13 (9), 16..20 (14), 23..27 (19), Mar 30 (20), 31 (21), Apr 1 (22), 2 (23), 3 (24),
        // Apr 7 (25), 8 (26), 9 (27), 10 (28), 13 (29), 14 (30)
        Assert.That(result.DueDate, Is.EqualTo(D("2026-04-14")));
        Assert.That(result.ExtensionDays, Is.EqualTo(10));
        Assert.That(Evaluator.Evaluate(WorkingClock("2026-03-02", 20), Local(2026, 3, 2), DueSoon).DueDate,
            Is.EqualTo(D("2026-03-30")));
    }

    [Test]
    public void Ninety_natural_days_ending_on_National_Day_roll_forward_to_Oct_8()
    {
        // Filed Fri 2026-07-03; +90 days = Thu 2026-10-01 (国庆节), Oct 2–7 holiday, Thu Oct 8 is a working day.
        var clock = NaturalClock("2026-07-03", 90);

        var result = Evaluator.Evaluate(clock, Local(2026, 9, 30), 7);

        Assert.That(result.UnadjustedDueDate, Is.EqualTo(D("2026-10-01")));
        Assert.That(result.DueDate, Is.EqualTo(D("2026-10-08")));
        Assert.That(result.WasRolledForward, Is.True);
        Assert.That(result.RemainingDays, Is.EqualTo(8), "natural days Oct 1..8");
        Assert.That(result.Status, Is.EqualTo(ClockStatus.Running));
        Assert.That(Evaluator.Evaluate(clock, Local(2026, 9, 30), 8).Status, Is.EqualTo(ClockStatus.DueSoon));
    }

    [Test]
    public void Ninety_natural_days_ending_in_the_Spring_Festival_roll_forward_across_the_year_end()
    {
        // Filed 2025-11-18; +90 days = Mon 2026-02-16 (春节) → next working day Tue 2026-02-24.
        var result = Evaluator.Evaluate(NaturalClock("2025-11-18", 90), Local(2025, 12, 1), 7);

        Assert.That(result.UnadjustedDueDate, Is.EqualTo(D("2026-02-16")));
        Assert.That(result.DueDate, Is.EqualTo(D("2026-02-24")));
    }

    [Test]
    public void A_natural_day_suspension_pushes_by_calendar_days_then_the_holiday_rolls_it_forward()
    {
        // 5 suspended days (Jul 10–14) move Oct 1 to Oct 6, still 国庆节, so Oct 8.
        var clock = NaturalClock("2026-07-03", 90, new ClockSuspension(D("2026-07-10"), D("2026-07-14"), "鉴定"));

        var result = Evaluator.Evaluate(clock, Local(2026, 8, 1), 7);

        Assert.That(result.SuspendedDays, Is.EqualTo(5));
        Assert.That(result.UnadjustedDueDate, Is.EqualTo(D("2026-10-06")));
        Assert.That(result.DueDate, Is.EqualTo(D("2026-10-08")));
    }

    [Test]
    public void A_natural_day_clock_ending_on_an_ordinary_working_day_is_not_moved()
    {
        // Filed 2026-03-02 + 30 days = Wed 2026-04-01
        var result = Evaluator.Evaluate(NaturalClock("2026-03-02", 30), Local(2026, 3, 2), 7);

        Assert.That(result.DueDate, Is.EqualTo(D("2026-04-01")));
        Assert.That(result.WasRolledForward, Is.False);
    }

    [Test]
    public void A_clock_reaching_into_2027_is_flagged_calendar_missing()
    {
        var result = Evaluator.Evaluate(WorkingClock("2026-12-30", 5), Local(2026, 12, 30), DueSoon);

        Assert.That(result.DueDate, Is.EqualTo(D("2027-01-06")));
        Assert.That(result.CalendarMissing, Is.True);
        Assert.That(WorkCalendar.MissingYears(result.CalendarFromYear, result.CalendarToYear), Is.EqualTo(new[] { 2027 }));
        Assert.That(Evaluator.Evaluate(WorkingClock("2026-12-01", 5), Local(2026, 12, 1), DueSoon).CalendarMissing, Is.False);
    }

    [Test]
    public void An_extension_needs_positive_days_an_approver_and_a_reason()
    {
        var ex = Assert.Throws<CalendarValidationException>(() => _ = new ClockExtension(0, " ", ""));

        Assert.That(ex!.Errors.Select(e => e.Code), Is.EqualTo(new[]
        {
            CalendarErrorCodes.ExtensionDaysNotPositive,
            CalendarErrorCodes.ExtensionApproverRequired,
            CalendarErrorCodes.ExtensionReasonRequired,
        }));
        Assert.That(ClockExtension.Validate(10, "王科长", "需专家评审"), Is.Empty);
        Assert.That(ClockExtension.Validate(10, null, "x", "extensions[0].")[0].Field, Is.EqualTo("extensions[0].approver"));
    }

    [Test]
    public void A_suspension_ending_before_it_starts_or_before_the_clock_is_rejected()
    {
        var ex = Assert.Throws<CalendarValidationException>(() => WorkingClock("2026-03-02", 5,
            new ClockSuspension(D("2026-03-05"), D("2026-03-04")),
            new ClockSuspension(D("2026-03-01"), D("2026-03-04"))));

        Assert.That(ex!.Errors.Select(e => (e.Code, e.Field)), Is.EqualTo(new[]
        {
            (CalendarErrorCodes.SuspensionEndsBeforeStart, "suspensions[0].end"),
            (CalendarErrorCodes.SuspensionBeforeClockStart, "suspensions[1].start"),
        }));
        Assert.Throws<CalendarValidationException>(() => WorkingClock("2026-03-02", -1));
        Assert.That(Assert.Throws<CalendarValidationException>(() => WorkingClock("2026-03-02", 100_000))!.Errors[0].Code,
            Is.EqualTo(CalendarErrorCodes.LimitTooLarge));
        Assert.That(ClockExtension.Validate(100_000, "王科长", "x")[0].Code, Is.EqualTo(CalendarErrorCodes.ExtensionDaysTooLarge));
    }
}
