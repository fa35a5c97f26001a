namespace Inspections.Domain.Calendar;

/// <summary>
/// A clock evaluated at one instant. A plain value: producing it allocates nothing.
/// </summary>
/// <param name="Status">Where the clock stands.</param>
/// <param name="DueDate">Last local day on which the work is on time.</param>
/// <param name="DueInstantUtc">End of the due day (24:00 local = 00:00 of the next local day), in UTC.
/// Completion strictly before it is on time; at or after it is late.</param>
/// <param name="RemainingDays">Counted days (working or natural per <see cref="Kind"/>) after the as-of
/// day up to and including the due day, suspended days excluded; 0 on the due day, negative once a counted
/// day has passed after it. On non-counted days straight after the due date (the weekend after a Friday
/// deadline) it is 0 while <see cref="Status"/> already says Overdue: the status, not the sign, decides
/// lateness, and the count keeps shrinking by exactly one per counted day.
/// For completed clocks it is measured at the completion day.</param>
/// <param name="CalendarMissing">True when a year the result depends on has no calendar loaded;
/// the dates are then provisional (weekends only for that year).</param>
/// <param name="SuspendedDays">Counted days removed by suspensions before the due date, i.e. how far
/// suspensions pushed the due date.</param>
/// <param name="ExtensionDays">Sum of approved extensions, already included in the due date.</param>
/// <param name="Kind">Working or natural days.</param>
/// <param name="AsOfDate">Local date the evaluation was made for (the completion day for completed clocks).</param>
/// <param name="UnadjustedDueDate">For natural-day clocks, the due date before rolling forward off a
/// non-working day; equals <see cref="DueDate"/> otherwise.</param>
/// <param name="CalendarFrom">First day whose calendar entry the result depends on.</param>
/// <param name="CalendarTo">Last day whose calendar entry the result depends on.</param>
public readonly record struct ClockEvaluation(
    ClockStatus Status,
    DateOnly DueDate,
    DateTimeOffset DueInstantUtc,
    int RemainingDays,
    bool CalendarMissing,
    int SuspendedDays,
    int ExtensionDays,
    ClockKind Kind,
    DateOnly AsOfDate,
    DateOnly UnadjustedDueDate,
    DateOnly CalendarFrom,
    DateOnly CalendarTo)
{
    public int CalendarFromYear => CalendarFrom.Year;

    public int CalendarToYear => CalendarTo.Year;

    public bool IsCompleted => Status is ClockStatus.CompletedOnTime or ClockStatus.CompletedLate;

    public bool WasRolledForward => UnadjustedDueDate != DueDate;
}
