using Inspections.Domain.Calendar;

namespace Inspections.Domain.Tests.Calendar;

/// <summary>
/// Reference implementation: walks day by day with set lookups. Slow and obviously right,
/// which is the point — the fast engine is checked against it.
/// </summary>
internal sealed class NaiveCalendar
{
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _workdays = [];

    public NaiveCalendar(IEnumerable<CalendarYear> years)
    {
        foreach (var day in years.SelectMany(y => y.Days))
        {
            (day.Kind == CalendarDayKind.Holiday ? _holidays : _workdays).Add(day.Date);
        }
    }

    public bool IsWorkingDay(DateOnly d) =>
        _workdays.Contains(d) || (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(d));

    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var d = start;
        for (var counted = 0; counted < n;)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                counted++;
            }
        }

        return d;
    }

    public int WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var sign = 1;
        if (toInclusive < fromExclusive)
        {
            (fromExclusive, toInclusive) = (toInclusive, fromExclusive);
            sign = -1;
        }

        var count = 0;
        for (var d = fromExclusive.AddDays(1); d <= toInclusive; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return sign * count;
    }

    public DateOnly NextWorkingDayOnOrAfter(DateOnly d)
    {
        while (!IsWorkingDay(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    /// <summary>Due date by the plain rule: the Nth counted day after the start; open suspensions end on the as-of day.</summary>
    public DateOnly DueDate(DeadlineClock clock, DateOnly asOf)
    {
        var working = clock.Kind == ClockKind.WorkingDays;
        var n = clock.LimitDays + clock.Extensions.Sum(e => e.Days);
        var d = clock.StartDate;
        for (var counted = 0; counted < n;)
        {
            d = d.AddDays(1);
            if ((!working || IsWorkingDay(d)) && !IsSuspended(clock, d, asOf))
            {
                counted++;
            }
        }

        return working ? d : NextWorkingDayOnOrAfter(d);
    }

    /// <summary>Counted days after <paramref name="asOf"/> up to the due date; negative past it.</summary>
    public int Remaining(DeadlineClock clock, DateOnly asOf, DateOnly due)
    {
        var working = clock.Kind == ClockKind.WorkingDays;
        var (from, to, sign) = asOf <= due ? (asOf, due, 1) : (due, asOf, -1);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if ((!working || IsWorkingDay(d)) && !IsSuspended(clock, d, asOf))
            {
                count++;
            }
        }

        return sign * count;
    }

    private static bool IsSuspended(DeadlineClock clock, DateOnly d, DateOnly asOf) =>
        clock.Suspensions.Any(s => d >= s.Start && d <= (s.End ?? asOf));
}
