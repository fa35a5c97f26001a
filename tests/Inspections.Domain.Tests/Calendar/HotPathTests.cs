using Inspections.Domain.Calendar;
using static Inspections.Domain.Tests.Calendar.CalendarFixtures;

namespace Inspections.Domain.Tests.Calendar;

/// <summary>Guards the properties the nightly scan over all open work relies on.</summary>
public sealed class HotPathTests
{
    [Test]
    public void Evaluating_clocks_and_counting_working_days_allocates_nothing()
    {
        var clocks = new[]
        {
            WorkingClock("2026-02-12", 5, new ClockSuspension(D("2026-02-24"), D("2026-02-25"))),
            WorkingClock("2026-03-02", 5, new ClockSuspension(D("2026-03-04"), null)),
            NaturalClock("2026-07-03", 90).WithExtension(new ClockExtension(30, "李局长", "案情复杂")),
            WorkingClock("2026-12-30", 5).WithCompletion(Local(2027, 1, 5)),
        };
        var asOf = Local(2026, 6, 15);
        var checksum = 0;
        for (var round = 0; round < 1_000; round++)
        {
            checksum += Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        checksum += Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(checksum, Is.Not.Zero);

        int Run()
        {
            var sum = 0;
            foreach (var clock in clocks)
            {
                sum += Evaluator.Evaluate(clock, asOf, 3).RemainingDays;
            }

            sum += WorkCalendar.AddWorkingDays(D("2026-02-12"), 5).Value.Day;
            sum += WorkCalendar.WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")).Value;
            sum += WorkCalendar.IsWorkingDay(D("2027-01-01")).CalendarMissing ? 1 : 0;
            return sum;
        }
    }

    [Test]
    public void Due_instant_is_local_midnight_in_a_zone_with_daylight_saving()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var evaluator = new ClockEvaluator(WorkCalendar, newYork);

        // Five weekdays after Wed 2026-07-01 (no US holidays in a Chinese calendar): Jul 2, 3, 6, 7, 8.
        var summer = evaluator.Evaluate(WorkingClock("2026-07-01", 5), new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.FromHours(-4)), 1);
        var winter = evaluator.Evaluate(WorkingClock("2026-12-01", 1), new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(-5)), 1);

        Assert.That(summer.DueDate, Is.EqualTo(D("2026-07-08")));
        Assert.That(summer.DueInstantUtc, Is.EqualTo(new DateTimeOffset(2026, 7, 9, 4, 0, 0, TimeSpan.Zero)));
        Assert.That(winter.DueInstantUtc, Is.EqualTo(new DateTimeOffset(2026, 12, 3, 5, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Instants_far_outside_the_loaded_years_still_convert_correctly()
    {
        var clock = new DeadlineClock(Subject, ClockKind.WorkingDays, D("2040-03-01"), 1);

        // 2040-03-01 is a Thursday; 16:30Z is 00:30 on Friday Mar 2 in Shanghai.
        var result = Evaluator.Evaluate(clock, new DateTimeOffset(2040, 3, 1, 16, 30, 0, TimeSpan.Zero), 0);

        Assert.That(result.AsOfDate, Is.EqualTo(D("2040-03-02")));
        Assert.That(result.DueDate, Is.EqualTo(D("2040-03-02")));
        Assert.That(result.DueInstantUtc, Is.EqualTo(new DateTimeOffset(2040, 3, 2, 16, 0, 0, TimeSpan.Zero)));
        Assert.That(result.CalendarMissing, Is.True);
    }

    [Test]
    public void A_natural_day_clock_is_missing_the_calendar_only_where_it_rolls_forward()
    {
        // Filed 2026-12-01, 90 days → 2027-03-01: whether that is a working day depends on 2027's calendar.
        var result = Evaluator.Evaluate(NaturalClock("2026-12-01", 90), Local(2026, 12, 2), 7);

        Assert.That(result.UnadjustedDueDate, Is.EqualTo(D("2027-03-01")));
        Assert.That(result.CalendarMissing, Is.True);
        Assert.That(Evaluator.Evaluate(NaturalClock("2026-06-01", 90), Local(2026, 6, 2), 7).CalendarMissing, Is.False);
    }
}
