using System.Collections.ObjectModel;

namespace Inspections.Domain.Calendar;

/// <summary>
/// The working-day calendar 工作日历: Mon–Fri, minus statutory holidays, plus make-up working
/// days 调休上班, for the years whose arrangement is loaded. Immutable and safe to share.
/// </summary>
/// <remarks>
/// Every question is answered in O(1) without allocating: the loaded years are laid out as a
/// per-day kind array, a prefix count of working days and the list of working days, so
/// "how many working days between" is a subtraction and "the Nth working day after" is an
/// index. Dates outside the loaded years use the weekday pattern (a closed formula) but the
/// answer is flagged <c>CalendarMissing</c>, because a missing year is never the same as a
/// year without holidays.
/// Internally everything works on <see cref="DateOnly.DayNumber"/>; day 0 (0001-01-01) is a
/// Monday, which is what makes the weekday formula simple.
/// </remarks>
public sealed class WorkingCalendar
{
    private const byte Weekday = 0;
    private const byte Weekend = 1;
    private const byte HolidayKind = 2;
    private const byte MakeUpKind = 3;

    private readonly int _base;           // day number of Jan 1 of the first loaded year
    private readonly int _end;            // day number of Jan 1 after the last loaded year (exclusive)
    private readonly byte[] _kinds;       // per day in [_base, _end)
    private readonly int[] _prefix;       // _prefix[i] = working days in [_base, _base + i)
    private readonly int[] _workingDays;  // offsets from _base of each working day, ascending
    private readonly int _countAtBase;    // working days before _base (weekday formula)
    private readonly int _countAtEnd;     // working days before _end
    private readonly int _weekdaysAtEnd;  // Weekdays(_end), cached for the tail formula
    private readonly int _firstYear;
    private readonly int _lastYear;
    private readonly int[] _missingBefore; // unloaded years in [_firstYear, _firstYear + i)
    private readonly int[] _unloadedBefore; // days of unloaded years in [_base, _base + i)
    private readonly Dictionary<DateOnly, string> _names;

    private WorkingCalendar(IReadOnlyList<CalendarYear> years)
    {
        var sorted = years.OrderBy(y => y.Year).ToArray();
        LoadedYears = new ReadOnlyCollection<int>(sorted.Select(y => y.Year).ToArray());
        Years = new ReadOnlyCollection<CalendarYear>(sorted);
        _names = [];

        if (sorted.Length == 0)
        {
            // No year at all: every date falls to the weekday formula and is flagged missing.
            _firstYear = 1;
            _lastYear = 0;
            _kinds = [];
            _prefix = [0];
            _workingDays = [];
            _missingBefore = [0];
            _unloadedBefore = [0];
            return;
        }

        _firstYear = sorted[0].Year;
        _lastYear = sorted[^1].Year;
        _base = new DateOnly(_firstYear, 1, 1).DayNumber;
        _end = new DateOnly(_lastYear + 1, 1, 1).DayNumber;

        var length = _end - _base;
        _kinds = new byte[length];
        for (var i = 0; i < length; i++)
        {
            _kinds[i] = IsWeekendDayNumber(_base + i) ? Weekend : Weekday;
        }

        foreach (var year in sorted)
        {
            foreach (var day in year.Days)
            {
                _kinds[day.Date.DayNumber - _base] = day.Kind == CalendarDayKind.Holiday ? HolidayKind : MakeUpKind;
                if (!string.IsNullOrWhiteSpace(day.Name))
                {
                    _names[day.Date] = day.Name;
                }
            }
        }

        _prefix = new int[length + 1];
        var working = new List<int>(length);
        for (var i = 0; i < length; i++)
        {
            var isWorking = _kinds[i] is Weekday or MakeUpKind;
            _prefix[i + 1] = _prefix[i] + (isWorking ? 1 : 0);
            if (isWorking)
            {
                working.Add(i);
            }
        }

        _workingDays = working.ToArray();
        _countAtBase = Weekdays(_base);
        _countAtEnd = _countAtBase + _prefix[length];
        _weekdaysAtEnd = Weekdays(_end);

        var loaded = sorted.Select(y => y.Year).ToHashSet();
        _missingBefore = new int[_lastYear - _firstYear + 2];
        for (var y = _firstYear; y <= _lastYear; y++)
        {
            _missingBefore[y - _firstYear + 1] = _missingBefore[y - _firstYear] + (loaded.Contains(y) ? 0 : 1);
        }

        // The same fact per day, so hot paths can ask "does (lo, hi] touch an unloaded year" without
        // turning day numbers into years: a span of days touches every year between its ends.
        _unloadedBefore = new int[length + 1];
        for (var i = 0; i < length; i++)
        {
            var unloaded = !loaded.Contains(DateOnly.FromDayNumber(_base + i).Year);
            _unloadedBefore[i + 1] = _unloadedBefore[i] + (unloaded ? 1 : 0);
        }
    }

    /// <summary>A calendar with no year loaded: every answer is flagged as missing.</summary>
    public static WorkingCalendar Empty { get; } = new([]);

    /// <summary>Years whose arrangement is loaded, ascending.</summary>
    public IReadOnlyList<int> LoadedYears { get; }

    /// <summary>The year data the calendar was built from, ascending by year.</summary>
    public IReadOnlyList<CalendarYear> Years { get; }

    /// <summary>Builds a calendar, throwing <see cref="CalendarValidationException"/> with every error found.</summary>
    public static WorkingCalendar Create(IEnumerable<CalendarYear> years)
    {
        var list = years?.ToList() ?? throw new ArgumentNullException(nameof(years));
        var errors = Validate(list);
        if (errors.Count > 0)
        {
            throw new CalendarValidationException(errors);
        }

        return new WorkingCalendar(list);
    }

    /// <summary>Builds a calendar or returns the errors; for callers that report rather than throw.</summary>
    public static bool TryCreate(
        IEnumerable<CalendarYear> years,
        out WorkingCalendar? calendar,
        out IReadOnlyList<CalendarValidationError> errors)
    {
        var list = years?.ToList() ?? throw new ArgumentNullException(nameof(years));
        errors = Validate(list);
        calendar = errors.Count == 0 ? new WorkingCalendar(list) : null;
        return calendar is not null;
    }

    private static List<CalendarValidationError> Validate(IReadOnlyList<CalendarYear> years)
    {
        var errors = new List<CalendarValidationError>();
        var seen = new HashSet<int>();
        for (var i = 0; i < years.Count; i++)
        {
            var year = years[i] ?? throw new ArgumentException("A calendar year is null.", nameof(years));
            if (!seen.Add(year.Year))
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.DuplicateYear, $"years[{i}].year",
                    $"{year.Year} 年的工作日历重复", $"Year {year.Year} is given twice"));
            }

            foreach (var error in CalendarYearValidator.Validate(year))
            {
                errors.Add(error with { Field = $"years[{i}].{error.Field}" });
            }
        }

        return errors;
    }

    public bool IsYearLoaded(int year) =>
        year >= _firstYear && year <= _lastYear && _missingBefore[year - _firstYear + 1] == _missingBefore[year - _firstYear];

    public CalendarAnswer<bool> IsWorkingDay(DateOnly date)
    {
        var day = date.DayNumber;
        return new CalendarAnswer<bool>(IsWorkingDayNumber(day), this, day, day, AnyMissingDays(day, day));
    }

    /// <summary>True for a listed statutory holiday (regardless of weekday).</summary>
    public bool IsHoliday(DateOnly date) => KindOf(date.DayNumber) == HolidayKind;

    /// <summary>True for a listed make-up working day 调休上班.</summary>
    public bool IsMakeUpWorkday(DateOnly date) => KindOf(date.DayNumber) == MakeUpKind;

    /// <summary>The name given to a listed date (holiday or make-up day), or null.</summary>
    public string? NameOf(DateOnly date) => _names.GetValueOrDefault(date);

    /// <summary>
    /// The Nth working day after <paramref name="start"/>. The start day itself is never counted,
    /// so Friday + 1 is the next Monday (if working) and <c>n = 0</c> returns <paramref name="start"/>.
    /// </summary>
    public CalendarAnswer<DateOnly> AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var s = start.DayNumber;
        var result = workingDays == 0 ? s : NthWorkingDayAfter(s, workingDays);
        return Answer(DateOnly.FromDayNumber(result), s + 1, result);
    }

    /// <summary>
    /// Working days in the half-open range (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]:
    /// the day you start from is not counted, the day you arrive on is. This matches how limits
    /// are counted (start day excluded), so <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c>.
    /// When <paramref name="toInclusive"/> is before <paramref name="fromExclusive"/> the result is the
    /// negated count of (to, from], i.e. the function is antisymmetric.
    /// </summary>
    public CalendarAnswer<int> WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var a = fromExclusive.DayNumber;
        var b = toInclusive.DayNumber;
        var count = CountBefore(b + 1) - CountBefore(a + 1);
        return Answer(count, Math.Min(a, b) + 1, Math.Max(a, b));
    }

    /// <summary>The date itself when it is a working day, otherwise the next working day.</summary>
    public CalendarAnswer<DateOnly> NextWorkingDayOnOrAfter(DateOnly date)
    {
        var day = date.DayNumber;
        var result = DayOfOrdinal(CountBefore(day) + 1);
        return Answer(DateOnly.FromDayNumber(result), day, result);
    }

    /// <summary>
    /// Distinct holiday names of the holidays in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>],
    /// in date order. For explanations only: it allocates.
    /// </summary>
    public IReadOnlyList<string> HolidayNamesBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var names = new List<string>();
        var lo = Math.Max(fromExclusive.DayNumber + 1, _base);
        var hi = Math.Min(toInclusive.DayNumber, _end - 1);
        for (var d = lo; d <= hi; d++)
        {
            if (_kinds[d - _base] == HolidayKind
                && _names.TryGetValue(DateOnly.FromDayNumber(d), out var name)
                && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Unloaded years in [<paramref name="fromYear"/>, <paramref name="toYear"/>]. Allocates.</summary>
    public IReadOnlyList<int> MissingYears(int fromYear, int toYear)
    {
        var missing = new List<int>();
        for (var y = fromYear; y <= toYear; y++)
        {
            if (!IsYearLoaded(y))
            {
                missing.Add(y);
            }
        }

        return missing;
    }

    // ---- allocation-free primitives on day numbers, shared with the clock evaluator ----

    /// <summary>Whether any day in [<paramref name="fromDay"/>, <paramref name="toDay"/>] lies in a year not loaded.</summary>
    internal bool AnyMissingDays(int fromDay, int toDay)
    {
        if (fromDay > toDay)
        {
            return false;
        }

        if (fromDay < _base || toDay >= _end)
        {
            return true;
        }

        return _unloadedBefore[toDay + 1 - _base] != _unloadedBefore[fromDay - _base];
    }

    internal bool IsWorkingDayNumber(int day)
    {
        if (day >= _base && day < _end)
        {
            return _kinds[day - _base] is Weekday or MakeUpKind;
        }

        return !IsWeekendDayNumber(day);
    }

    /// <summary>Working days with a day number strictly below <paramref name="day"/>, counted from 0001-01-01.</summary>
    internal int CountBefore(int day)
    {
        if (day <= _base)
        {
            return Weekdays(day);
        }

        if (day <= _end)
        {
            return _countAtBase + _prefix[day - _base];
        }

        return _countAtEnd + Weekdays(day) - _weekdaysAtEnd;
    }

    /// <summary>The day number of the k-th working day (k ≥ 1) counted from 0001-01-01; inverse of <see cref="CountBefore"/>.</summary>
    internal int DayOfOrdinal(int k)
    {
        if (k <= _countAtBase)
        {
            return WeekdayOfOrdinal(k);
        }

        if (k <= _countAtEnd)
        {
            return _base + _workingDays[k - _countAtBase - 1];
        }

        return WeekdayOfOrdinal(k - _countAtEnd + _weekdaysAtEnd);
    }

    /// <summary>Day number of the n-th (n ≥ 1) working day after day <paramref name="start"/>.</summary>
    internal int NthWorkingDayAfter(int start, int n) => DayOfOrdinal(CountBefore(start + 1) + n);

    /// <summary>Working days in (a, b] for a ≤ b.</summary>
    internal int CountBetween(int a, int b) => CountBefore(b + 1) - CountBefore(a + 1);

    private byte KindOf(int day)
    {
        if (day >= _base && day < _end)
        {
            return _kinds[day - _base];
        }

        return IsWeekendDayNumber(day) ? Weekend : Weekday;
    }

    private CalendarAnswer<T> Answer<T>(T value, int fromDay, int toDay)
        where T : struct =>
        new(value, this, fromDay, toDay, AnyMissingDays(fromDay, toDay));

    private static bool IsWeekendDayNumber(int day) => day % 7 >= 5;

    /// <summary>Mon–Fri days with a day number strictly below <paramref name="day"/>.</summary>
    private static int Weekdays(int day) => day / 7 * 5 + Math.Min(day % 7, 5);

    /// <summary>Day number of the k-th Mon–Fri day (k ≥ 1).</summary>
    private static int WeekdayOfOrdinal(int k) => (k - 1) / 5 * 7 + (k - 1) % 5;
}
