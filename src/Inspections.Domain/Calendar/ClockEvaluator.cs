using System.Globalization;
using System.Text;

namespace Inspections.Domain.Calendar;

/// <summary>
/// Evaluates deadline clocks against a working calendar in one time zone. Immutable and
/// thread-safe; build one per calendar version and reuse it for every clock.
/// </summary>
/// <remarks>
/// Counting rules (限时办结):
/// <list type="bullet">
/// <item>Counting starts the day after the start date; a limit of N ends on the Nth counted day.</item>
/// <item>Working-day clocks count working days; natural-day clocks count every day, and a due date
/// that falls on a non-working day (weekend or holiday) rolls forward to the next working day.</item>
/// <item>A counted day is one not inside any suspension (both ends inclusive). The due date is the
/// Nth counted day, so a suspension before the due date pushes it by exactly the counted days inside
/// it (working days for working-day clocks), and a suspension starting after the due date changes
/// nothing — it cannot rescue an already overdue clock.</item>
/// <item>An open suspension is treated as ending on the as-of day: the clock is frozen, the
/// remaining days stay constant and the due date shown is the one that applies if work resumes
/// tomorrow.</item>
/// <item>Extensions add their days to the limit.</item>
/// <item>The due instant is 24:00 local of the due day (= 00:00 of the next local day). Completion at
/// 23:59:59.999 is on time; completion at the due instant itself is late.</item>
/// </list>
/// </remarks>
public sealed class ClockEvaluator
{
    private readonly WorkingCalendar _calendar;
    private readonly LocalDayConverter _time;

    public ClockEvaluator(WorkingCalendar calendar, TimeZoneInfo? timeZone = null)
    {
        _calendar = calendar ?? throw new ArgumentNullException(nameof(calendar));
        var years = calendar.LoadedYears;
        var firstYear = years.Count > 0 ? years[0] - 1 : 2000;
        var lastYear = years.Count > 0 ? years[^1] + 2 : 2050;
        _time = new LocalDayConverter(timeZone ?? ChinaStandardTime, Math.Max(firstYear, 1), Math.Min(lastYear, 9998));
    }

    /// <summary>
    /// UTC+08:00 without daylight saving, which is what Asia/Shanghai has been since 1991. Built in
    /// rather than looked up so the domain never reads the host's time-zone database; pass
    /// <c>TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")</c> to use the system zone instead.
    /// </summary>
    public static TimeZoneInfo ChinaStandardTime { get; } = TimeZoneInfo.CreateCustomTimeZone(
        "Asia/Shanghai (UTC+08:00)", TimeSpan.FromHours(8), "中国标准时间", "中国标准时间");

    public WorkingCalendar Calendar => _calendar;

    public TimeZoneInfo TimeZone => _time.Zone;

    /// <summary>The local date of an instant in this evaluator's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDayNumber(_time.LocalDayNumber(instant));

    /// <summary>
    /// Evaluates <paramref name="clock"/> as it stands at <paramref name="asOf"/>. A completion later
    /// than <paramref name="asOf"/> is ignored, so history can be replayed. <paramref name="dueSoonDays"/>
    /// is the caller's threshold for <see cref="ClockStatus.DueSoon"/> (remaining days ≤ threshold).
    /// </summary>
    public ClockEvaluation Evaluate(DeadlineClock clock, DateTimeOffset asOf, int dueSoonDays)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var completed = clock.CompletedAt is { } completedAt && completedAt <= asOf;
        var effective = completed ? clock.CompletedAt!.Value : asOf;
        var asOfDay = _time.LocalDayNumber(effective);
        var start = clock.StartDate.DayNumber;
        var working = clock.Kind == ClockKind.WorkingDays;

        // Walk the counted stretches between suspensions until the limit is used up.
        var toCount = clock.LimitDays + clock.ExtensionDays;
        var cursor = start;
        var suspended = 0;
        var due = -1;
        var walker = new SuspensionWalker(clock, asOfDay);
        while (walker.Next(out var s, out var e))
        {
            var available = Count(working, cursor, s - 1);
            if (available >= toCount)
            {
                due = Nth(working, cursor, toCount);
                break;
            }

            toCount -= available;
            suspended += Count(working, s - 1, e);
            cursor = e;
        }

        if (due < 0)
        {
            due = Nth(working, cursor, toCount);
        }

        var unadjusted = due;
        if (!working && !_calendar.IsWorkingDayNumber(due))
        {
            due = _calendar.DayOfOrdinal(_calendar.CountBefore(due) + 1);
        }

        var remaining = asOfDay <= due
            ? CountExcludingSuspensions(working, clock, asOfDay, due, asOfDay, out var inSuspension)
            : -CountExcludingSuspensions(working, clock, due, asOfDay, asOfDay, out inSuspension);

        var dueInstant = _time.LocalMidnightUtc(due + 1);
        ClockStatus status;
        if (completed)
        {
            status = effective < dueInstant ? ClockStatus.CompletedOnTime : ClockStatus.CompletedLate;
        }
        else if (asOf >= dueInstant)
        {
            status = ClockStatus.Overdue;
        }
        else if (inSuspension)
        {
            status = ClockStatus.Suspended;
        }
        else
        {
            status = remaining <= dueSoonDays ? ClockStatus.DueSoon : ClockStatus.Running;
        }

        // Which years the answer leaned on: every day counted for a working-day clock; only the
        // roll-forward decision for a natural-day clock.
        int spanFrom, spanTo;
        if (working)
        {
            spanFrom = Math.Min(start, asOfDay) + 1;
            spanTo = Math.Max(due, asOfDay);
        }
        else
        {
            spanFrom = unadjusted;
            spanTo = due;
        }

        return new ClockEvaluation(
            status,
            DateOnly.FromDayNumber(due),
            dueInstant,
            remaining,
            _calendar.AnyMissingDays(spanFrom, spanTo),
            suspended,
            clock.ExtensionDays,
            clock.Kind,
            DateOnly.FromDayNumber(asOfDay),
            DateOnly.FromDayNumber(unadjusted),
            DateOnly.FromDayNumber(spanFrom),
            DateOnly.FromDayNumber(spanTo));
    }

    /// <summary>
    /// A sentence a clerk can read, e.g.
    /// "受理 2026-02-12，承诺时限 5 个工作日，途经春节假期顺延，中止 2 个工作日，应于 2026-02-28（调休上班日）办结；剩余 3 个工作日".
    /// Allocates; call it for display, not in scans.
    /// </summary>
    public string Explain(DeadlineClock clock, in ClockEvaluation evaluation, ClockWording wording)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(wording);
        var working = clock.Kind == ClockKind.WorkingDays;
        var unit = working ? " 个工作日" : " 日";
        var sb = new StringBuilder();

        sb.Append(wording.StartVerb).Append(' ').Append(Format(clock.StartDate))
          .Append('，').Append(wording.LimitName).Append(' ').Append(clock.LimitDays).Append(unit);

        foreach (var extension in clock.Extensions)
        {
            sb.Append("，经").Append(extension.Approver).Append("批准延长 ").Append(extension.Days).Append(unit)
              .Append('（').Append(extension.Reason).Append('）');
        }

        if (working)
        {
            var holidays = _calendar.HolidayNamesBetween(clock.StartDate, evaluation.DueDate);
            if (holidays.Count > 0)
            {
                sb.Append("，").Append(string.Join("、", holidays)).Append("假期顺延");
            }
        }

        if (evaluation.SuspendedDays > 0)
        {
            sb.Append("，中止 ").Append(evaluation.SuspendedDays).Append(unit);
        }

        if (evaluation.WasRolledForward)
        {
            var name = _calendar.IsHoliday(evaluation.UnadjustedDueDate)
                ? _calendar.NameOf(evaluation.UnadjustedDueDate) + "假期"
                : "休息日";
            sb.Append("，期满日 ").Append(Format(evaluation.UnadjustedDueDate)).Append(" 为").Append(name)
              .Append("，顺延至 ").Append(Format(evaluation.DueDate));
        }

        sb.Append("，应于 ").Append(Format(evaluation.DueDate));
        if (_calendar.IsMakeUpWorkday(evaluation.DueDate))
        {
            sb.Append("（调休上班日）");
        }
        else
        {
            sb.Append(' ');
        }

        sb.Append(wording.CompletionVerb);

        switch (evaluation.Status)
        {
            case ClockStatus.CompletedOnTime:
                sb.Append("；已于 ").Append(Format(evaluation.AsOfDate)).Append(" 按时").Append(wording.CompletionVerb);
                break;
            case ClockStatus.CompletedLate:
                sb.Append("；已于 ").Append(Format(evaluation.AsOfDate)).Append(' ').Append(wording.CompletionVerb)
                  .Append("，超期");
                AppendOverdueDays(sb, evaluation.RemainingDays, unit);
                break;
            case ClockStatus.Overdue:
                sb.Append("；已超期");
                AppendOverdueDays(sb, evaluation.RemainingDays, unit);
                break;
            case ClockStatus.Suspended:
                sb.Append("；目前中止计时，剩余 ").Append(evaluation.RemainingDays).Append(unit);
                break;
            default:
                sb.Append("；剩余 ").Append(evaluation.RemainingDays).Append(unit);
                break;
        }

        if (evaluation.CalendarMissing)
        {
            var years = _calendar.MissingYears(evaluation.CalendarFromYear, evaluation.CalendarToYear);
            sb.Append("（注意：").Append(string.Join("、", years))
              .Append(" 年工作日历尚未载入，暂按周末推算，请核实）");
        }

        return sb.ToString();
    }

    private static void AppendOverdueDays(StringBuilder sb, int remainingDays, string unit)
    {
        // Late on the weekend after a Friday deadline: late, but no counted day lost yet.
        if (remainingDays < 0)
        {
            sb.Append(' ').Append(-remainingDays).Append(unit);
        }
    }

    /// <summary>Counted days in (a, b] ignoring suspensions; a ≤ b.</summary>
    private int Count(bool working, int a, int b) => working ? _calendar.CountBetween(a, b) : b - a;

    /// <summary>The day n counted days after <paramref name="from"/> ignoring suspensions; n ≥ 0.</summary>
    private int Nth(bool working, int from, int n) =>
        n == 0 ? from : working ? _calendar.NthWorkingDayAfter(from, n) : from + n;

    /// <summary>Counted days in (a, b] minus those inside suspensions; also reports whether the as-of day is suspended.</summary>
    private int CountExcludingSuspensions(bool working, DeadlineClock clock, int a, int b, int asOfDay, out bool asOfSuspended)
    {
        var count = Count(working, a, b);
        asOfSuspended = false;
        var walker = new SuspensionWalker(clock, asOfDay);
        while (walker.Next(out var s, out var e))
        {
            if (s <= asOfDay && asOfDay <= e)
            {
                asOfSuspended = true;
            }

            var lo = Math.Max(a, s - 1);
            var hi = Math.Min(b, e);
            if (lo < hi)
            {
                count -= Count(working, lo, hi);
            }
        }

        return count;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
