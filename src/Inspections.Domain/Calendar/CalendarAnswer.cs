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

    private readonly int _fromDay;
    private readonly int _toDay;

    internal CalendarAnswer(T value, WorkingCalendar calendar, int fromDay, int toDay, bool calendarMissing)
    {
        Value = value;
        _calendar = calendar;
        _fromDay = fromDay;
        _toDay = toDay;
        CalendarMissing = calendarMissing;
    }

    public T Value { get; }

    public bool CalendarMissing { get; }

    /// <summary>
    /// The unloaded years the answer depended on, ascending; empty when <see cref="CalendarMissing"/> is false.
    /// Allocates; keep it off hot paths.
    /// </summary>
    public IReadOnlyList<int> MissingYears =>
        CalendarMissing && _calendar is not null && _fromDay <= _toDay
            ? _calendar.MissingYears(DateOnly.FromDayNumber(_fromDay).Year, DateOnly.FromDayNumber(_toDay).Year)
            : [];

    public override string ToString() =>
        CalendarMissing ? $"{Value} (calendar missing for {string.Join(", ", MissingYears)})" : $"{Value}";
}
