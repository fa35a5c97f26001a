using Inspections.Domain.Calendar;

namespace Inspections.Benchmarks;

/// <summary>
/// The baseline: the obvious implementation, walking day by day with HashSet lookups and a
/// scan of the suspensions for every day, converting times with TimeZoneInfo on each call.
/// </summary>
internal sealed class NaiveClockEvaluator
{
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly HashSet<DateOnly> _workdays = [];
    private readonly TimeZoneInfo _zone;

    public NaiveClockEvaluator(IEnumerable<CalendarYear> years, TimeZoneInfo zone)
    {
        _zone = zone;
        foreach (var day in years.SelectMany(y => y.Days))
        {
            (day.Kind == CalendarDayKind.Holiday ? _holidays : _workdays).Add(day.Date);
        }
    }

    public (DateOnly Due, int Remaining, ClockStatus Status) Evaluate(DeadlineClock clock, DateTimeOffset asOf, int dueSoonDays)
    {
        var completed = clock.CompletedAt is { } c && c <= asOf;
        var effective = completed ? clock.CompletedAt!.Value : asOf;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(effective, _zone).DateTime);
        var working = clock.Kind == ClockKind.WorkingDays;

        var n = clock.LimitDays + clock.Extensions.Sum(e => e.Days);
        var due = clock.StartDate;
        for (var counted = 0; counted < n;)
        {
            due = due.AddDays(1);
            if ((!working || IsWorkingDay(due)) && !IsSuspended(clock, due, today))
            {
                counted++;
            }
        }

        while (!working && !IsWorkingDay(due))
        {
            due = due.AddDays(1);
        }

        var (from, to, sign) = today <= due ? (today, due, 1) : (due, today, -1);
        var remaining = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if ((!working || IsWorkingDay(d)) && !IsSuspended(clock, d, today))
            {
                remaining += sign;
            }
        }

        var dueLocal = due.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var dueInstant = new DateTimeOffset(dueLocal, _zone.GetUtcOffset(dueLocal));
        var status = completed
            ? (effective < dueInstant ? ClockStatus.CompletedOnTime : ClockStatus.CompletedLate)
            : asOf >= dueInstant ? ClockStatus.Overdue
            : today > clock.StartDate && IsSuspended(clock, today, today) ? ClockStatus.Suspended
            : remaining <= dueSoonDays ? ClockStatus.DueSoon
            : ClockStatus.Running;
        return (due, remaining, status);
    }

    private bool IsWorkingDay(DateOnly d) =>
        _workdays.Contains(d) || (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(d));

    private static bool IsSuspended(DeadlineClock clock, DateOnly d, DateOnly today)
    {
        // A plain indexed loop rather than LINQ, so the baseline is not slowed by closures it need not allocate.
        var suspensions = clock.Suspensions;
        for (var i = 0; i < suspensions.Count; i++)
        {
            if (d >= suspensions[i].Start && d <= (suspensions[i].End ?? today))
            {
                return true;
            }
        }

        return false;
    }
}
