namespace Inspections.Domain.Calendar;

/// <summary>
/// A rule broken by calendar data or clock input. <see cref="Field"/> is a path the API layer
/// can map to a field error (e.g. <c>days[3].date</c>, <c>extensions[0].approver</c>).
/// </summary>
public sealed record CalendarValidationError(
    string Code,
    string Field,
    string MessageZh,
    string MessageEn,
    DateOnly? Date = null)
{
    public override string ToString() => $"{Code} ({Field}): {MessageEn}";
}

/// <summary>Stable error codes, so callers can branch without parsing messages.</summary>
public static class CalendarErrorCodes
{
    public const string DateOutsideYear = "calendar.date_outside_year";
    public const string HolidayAndWorkday = "calendar.holiday_and_workday";
    public const string WorkdayNotWeekend = "calendar.workday_not_weekend";
    public const string DuplicateDate = "calendar.duplicate_date";
    public const string NameRequired = "calendar.name_required";
    public const string YearOutOfRange = "calendar.year_out_of_range";
    public const string DuplicateYear = "calendar.duplicate_year";

    public const string CsvBadLine = "calendar_csv.bad_line";
    public const string CsvBadDate = "calendar_csv.bad_date";
    public const string CsvBadKind = "calendar_csv.bad_kind";

    public const string LimitNegative = "clock.limit_negative";
    public const string LimitTooLarge = "clock.limit_too_large";
    public const string ExtensionDaysTooLarge = "clock.extension_days_too_large";
    public const string ExtensionDaysNotPositive = "clock.extension_days_not_positive";
    public const string ExtensionApproverRequired = "clock.extension_approver_required";
    public const string ExtensionReasonRequired = "clock.extension_reason_required";
    public const string SuspensionEndsBeforeStart = "clock.suspension_ends_before_start";
    public const string SuspensionBeforeClockStart = "clock.suspension_before_clock_start";
    public const string UnknownKind = "clock.unknown_kind";
}

/// <summary>Thrown when invalid data reaches a constructor; carries every error, not just the first.</summary>
public sealed class CalendarValidationException : Exception
{
    public CalendarValidationException(IReadOnlyList<CalendarValidationError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<CalendarValidationError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<CalendarValidationError> errors) =>
        errors.Count == 0
            ? "Invalid calendar data."
            : "Invalid calendar data: " + string.Join("; ", errors.Select(e => e.ToString()));
}
