namespace Inspections.Domain.Calendar;

/// <summary>
/// A calendar result together with whether it relied on a year whose arrangement is not loaded.
/// When <see cref="CalendarMissing"/> is true the value was computed as if that year had only
/// weekends, and must be shown as provisional rather than trusted.
/// </summary>
public readonly struct CalendarAnswer<T>
    where T : struct
{
    private readonly WorkingCalendar? _calendar;

    internal CalendarAnswer(T value, WorkingCalendar calendar, int fromYear, int toYear, bool calendarMissing)
    {
        Value = value;
        _calendar = calendar;
        FromYear = fromYear;
        ToYear = toYear;
        CalendarMissing = calendarMissing;
    }

    public T Value { get; }

    public bool CalendarMissing { get; }

    /// <summary>First year the answer depended on (inclusive).</summary>
    public int FromYear { get; }

    /// <summary>Last year the answer depended on (inclusive); less than <see cref="FromYear"/> when none.</summary>
    public int ToYear { get; }

    /// <summary>The unloaded years the answer depended on. Allocates; keep it off hot paths.</summary>
    public IReadOnlyList<int> MissingYears =>
        CalendarMissing && _calendar is not null ? _calendar.MissingYears(FromYear, ToYear) : [];

    public override string ToString() =>
        CalendarMissing ? $"{Value} (calendar missing for {string.Join(", ", MissingYears)})" : $"{Value}";
}
