using Inspections.Domain.Calendar;
using static Inspections.Domain.Tests.Calendar.CalendarFixtures;

namespace Inspections.Domain.Tests.Calendar;

// Expected dates below were worked out by hand from the seed CSV (2026-01-01 is a Thursday,
// 2025-01-01 a Wednesday), not copied from the engine's output.
public sealed class WorkingCalendarTests
{
    [Test]
    public void Five_working_days_from_Feb_12_2026_skip_the_Spring_Festival()
    {
        // Fri 13 (1), Sat 14 make-up (2), 15–23 holiday, Tue 24 (3), Wed 25 (4), Thu 26 (5)
        var result = WorkCalendar.AddWorkingDays(D("2026-02-12"), 5);

        Assert.That(result.Value, Is.EqualTo(D("2026-02-26")));
        Assert.That(result.CalendarMissing, Is.False);
    }

    [Test]
    public void Ten_working_days_from_Feb_12_2026_pass_the_make_up_Saturday_Feb_28()
    {
        // ... Thu 26 (5), Fri 27 (6), Sat 28 make-up (7), Mon Mar 2 (8), Tue 3 (9), Wed 4 (10)
        Assert.That(WorkCalendar.AddWorkingDays(D("2026-02-12"), 10).Value, Is.EqualTo(D("2026-03-04")));
    }

    [Test]
    public void One_working_day_after_a_Friday_before_a_make_up_Saturday_is_that_Saturday()
    {
        Assert.That(WorkCalendar.AddWorkingDays(D("2026-02-13"), 1).Value, Is.EqualTo(D("2026-02-14")));
        Assert.That(WorkCalendar.AddWorkingDays(D("2026-02-14"), 1).Value, Is.EqualTo(D("2026-02-24")));
    }

    [Test]
    public void Make_up_Saturday_is_a_working_day_and_holiday_weekday_is_not()
    {
        Assert.That(WorkCalendar.IsWorkingDay(D("2026-02-14")).Value, Is.True, "Sat 2026-02-14 调休上班");
        Assert.That(WorkCalendar.IsWorkingDay(D("2026-02-28")).Value, Is.True, "Sat 2026-02-28 调休上班");
        Assert.That(WorkCalendar.IsWorkingDay(D("2026-02-16")).Value, Is.False, "Mon 2026-02-16 春节");
        Assert.That(WorkCalendar.IsWorkingDay(D("2026-02-21")).Value, Is.False, "Sat 2026-02-21 春节");
        Assert.That(WorkCalendar.IsWorkingDay(D("2026-03-07")).Value, Is.False, "an ordinary Saturday");
        Assert.That(WorkCalendar.IsWorkingDay(D("2026-03-09")).Value, Is.True, "an ordinary Monday");
        Assert.That(WorkCalendar.IsWorkingDay(D("2026-03-09")).CalendarMissing, Is.False);
    }

    [Test]
    public void National_Day_2025_pushes_five_working_days_from_Sep_26_to_Oct_10()
    {
        // Sun 28 make-up (1), Mon 29 (2), Tue 30 (3), Oct 1–8 holiday, Thu 9 (4), Fri 10 (5); Sat 11 make-up (6)
        Assert.That(WorkCalendar.AddWorkingDays(D("2025-09-26"), 5).Value, Is.EqualTo(D("2025-10-10")));
        Assert.That(WorkCalendar.AddWorkingDays(D("2025-09-26"), 6).Value, Is.EqualTo(D("2025-10-11")));
    }

    [Test]
    public void Mid_Autumn_and_National_Day_2026_push_five_working_days_from_Sep_24_to_Oct_9()
    {
        // Sep 25–27 中秋节, Mon 28 (1), Tue 29 (2), Wed 30 (3), Oct 1–7 国庆节, Thu 8 (4), Fri 9 (5); Sat 10 make-up (6)
        Assert.That(WorkCalendar.AddWorkingDays(D("2026-09-24"), 5).Value, Is.EqualTo(D("2026-10-09")));
        Assert.That(WorkCalendar.AddWorkingDays(D("2026-09-24"), 6).Value, Is.EqualTo(D("2026-10-10")));
    }

    [Test]
    public void Counting_from_New_Years_Eve_2025_crosses_into_2026_and_its_make_up_Sunday()
    {
        // 2026-01-01..03 元旦, Sun Jan 4 make-up (1), Mon 5 (2), Tue 6 (3)
        Assert.That(WorkCalendar.AddWorkingDays(D("2025-12-31"), 1).Value, Is.EqualTo(D("2026-01-04")));
        var three = WorkCalendar.AddWorkingDays(D("2025-12-31"), 3);
        Assert.That(three.Value, Is.EqualTo(D("2026-01-06")));
        Assert.That(three.CalendarMissing, Is.False);
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2025-12-31"), D("2026-01-06")).Value, Is.EqualTo(3));
    }

    [Test]
    public void Each_seeded_year_has_248_working_days()
    {
        // 261 weekdays − 18 weekday holidays + 5 make-up days (2025); 261 − 19 + 6 (2026)
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2024-12-31"), D("2025-12-31")).Value, Is.EqualTo(248));
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")).Value, Is.EqualTo(248));
    }

    [Test]
    public void Working_days_between_excludes_the_from_day_and_includes_the_to_day()
    {
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2026-03-02"), D("2026-03-02")).Value, Is.Zero);
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2026-03-02"), D("2026-03-03")).Value, Is.EqualTo(1));
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2026-03-06"), D("2026-03-09")).Value, Is.EqualTo(1), "Fri → Mon");
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2026-02-12"), D("2026-02-26")).Value, Is.EqualTo(5));
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2026-02-26"), D("2026-02-12")).Value, Is.EqualTo(-5), "antisymmetric");
    }

    [Test]
    public void Zero_working_days_returns_the_start_date_and_negative_is_rejected()
    {
        Assert.That(WorkCalendar.AddWorkingDays(D("2026-02-15"), 0).Value, Is.EqualTo(D("2026-02-15")));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkCalendar.AddWorkingDays(D("2026-02-15"), -1));
    }

    [Test]
    public void Next_working_day_on_or_after_skips_the_holiday_and_keeps_a_working_day()
    {
        Assert.That(WorkCalendar.NextWorkingDayOnOrAfter(D("2026-02-15")).Value, Is.EqualTo(D("2026-02-24")));
        Assert.That(WorkCalendar.NextWorkingDayOnOrAfter(D("2026-02-14")).Value, Is.EqualTo(D("2026-02-14")));
        Assert.That(WorkCalendar.NextWorkingDayOnOrAfter(D("2026-10-01")).Value, Is.EqualTo(D("2026-10-08")));
    }

    [Test]
    public void A_date_in_2027_is_flagged_as_missing_the_calendar()
    {
        var answer = WorkCalendar.IsWorkingDay(D("2027-03-01"));

        Assert.That(answer.CalendarMissing, Is.True);
        Assert.That(answer.MissingYears, Is.EqualTo(new[] { 2027 }));
        Assert.That(WorkCalendar.IsYearLoaded(2027), Is.False);
        Assert.That(WorkCalendar.IsYearLoaded(2026), Is.True);
    }

    [Test]
    public void Counting_past_the_last_loaded_year_is_provisional_and_names_the_missing_year()
    {
        // Thu Dec 31 (1), then 2027 by weekdays only: Fri Jan 1 (2), Mon 4 (3), Tue 5 (4), Wed 6 (5)
        var result = WorkCalendar.AddWorkingDays(D("2026-12-30"), 5);

        Assert.That(result.Value, Is.EqualTo(D("2027-01-06")));
        Assert.That(result.CalendarMissing, Is.True);
        Assert.That(result.MissingYears, Is.EqualTo(new[] { 2027 }));
        Assert.That(WorkCalendar.AddWorkingDays(D("2026-12-29"), 1).CalendarMissing, Is.False);
        Assert.That(WorkCalendar.WorkingDaysBetween(D("2026-12-01"), D("2027-01-04")).CalendarMissing, Is.True);
    }

    [Test]
    public void A_gap_year_between_loaded_years_is_reported_missing()
    {
        var parsed = CalendarCsvParser.Parse(SeedCsv);
        var only2025 = parsed.Years.Single(y => y.Year == 2025);
        var fake2027 = new CalendarYear(2027, []);
        var calendar = WorkingCalendar.Create([only2025, fake2027]);

        var across = calendar.WorkingDaysBetween(D("2025-12-01"), D("2027-02-01"));

        Assert.That(across.CalendarMissing, Is.True);
        Assert.That(across.MissingYears, Is.EqualTo(new[] { 2026 }));
        Assert.That(calendar.IsWorkingDay(D("2026-02-16")).CalendarMissing, Is.True);
        Assert.That(calendar.IsWorkingDay(D("2027-02-16")).CalendarMissing, Is.False);
    }

    [Test]
    public void An_empty_calendar_answers_by_weekdays_and_flags_everything_missing()
    {
        var answer = WorkingCalendar.Empty.AddWorkingDays(D("2026-02-12"), 5);

        Assert.That(answer.Value, Is.EqualTo(D("2026-02-19")));
        Assert.That(answer.CalendarMissing, Is.True);
    }

    [Test]
    public void Holiday_names_between_two_dates_are_listed_once_in_order()
    {
        var names = WorkCalendar.HolidayNamesBetween(D("2026-09-24"), D("2026-10-09"));

        Assert.That(names, Is.EqualTo(new[] { "中秋节", "国庆节" }));
        Assert.That(WorkCalendar.NameOf(D("2026-02-28")), Is.EqualTo("春节调休上班"));
    }

    [Test]
    public void Building_a_calendar_from_invalid_years_reports_every_error()
    {
        var bad = new CalendarYear(2026,
        [
            new CalendarDay(D("2026-02-13"), CalendarDayKind.MakeUpWorkday, "周五调休"),
            new CalendarDay(D("2025-10-01"), CalendarDayKind.Holiday, "国庆节"),
        ]);

        var ex = Assert.Throws<CalendarValidationException>(() => WorkingCalendar.Create([bad, new CalendarYear(2026, [])]));
        Assert.That(ex!.Errors.Select(e => e.Code), Is.EquivalentTo(new[]
        {
            CalendarErrorCodes.WorkdayNotWeekend,
            CalendarErrorCodes.DateOutsideYear,
            CalendarErrorCodes.DuplicateYear,
        }));
        Assert.That(WorkingCalendar.TryCreate([bad], out var calendar, out var errors), Is.False);
        Assert.That(calendar, Is.Null);
        Assert.That(errors, Has.Count.EqualTo(2));
    }
}
