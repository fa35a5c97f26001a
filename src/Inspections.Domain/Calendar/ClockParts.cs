namespace Inspections.Domain.Calendar;

/// <summary>How a clock's limit is counted.</summary>
public enum ClockKind
{
    /// <summary>Working days 工作日 (permit limits, 行政许可法 art. 82).</summary>
    WorkingDays,

    /// <summary>Natural days 自然日 (penalty-case limits); a due date on a non-working day rolls forward.</summary>
    NaturalDays,
}

/// <summary>Where a clock stands at the evaluated instant.</summary>
public enum ClockStatus
{
    Running,
    DueSoon,
    Overdue,
    Suspended,
    CompletedOnTime,
    CompletedLate,
}

/// <summary>What a clock times, e.g. ("permit-application", "2026-00042") or ("penalty-case", "17").</summary>
public readonly record struct ClockSubject(string Type, string Id);

/// <summary>
/// A period not counted towards the limit 中止/不计入 (hearing, testing, expert review, appraisal).
/// Both ends are local dates and inclusive: [2026-03-02, 2026-03-03] removes both days.
/// An open suspension (<see cref="End"/> null) freezes the clock until it is closed.
/// </summary>
public sealed record ClockSuspension(DateOnly Start, DateOnly? End, string Reason = "")
{
    public bool IsOpen => End is null;
}

/// <summary>An approved extension 延长 of the limit. Both approver and reason are required by law (art. 42).</summary>
public sealed record ClockExtension
{
    public ClockExtension(int days, string approver, string reason)
    {
        var errors = Validate(days, approver, reason);
        if (errors.Count > 0)
        {
            throw new CalendarValidationException(errors);
        }

        Days = days;
        Approver = approver.Trim();
        Reason = reason.Trim();
    }

    public int Days { get; }

    public string Approver { get; }

    public string Reason { get; }

    /// <summary>Field errors for the input, so the API can answer 400 before constructing anything.</summary>
    public static IReadOnlyList<CalendarValidationError> Validate(int days, string? approver, string? reason, string fieldPrefix = "")
    {
        var errors = new List<CalendarValidationError>();
        if (days <= 0)
        {
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.ExtensionDaysNotPositive, fieldPrefix + "days",
                "延长天数必须大于 0", "Extension days must be greater than zero"));
        }
        else if (days > DeadlineClock.MaxDays)
        {
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.ExtensionDaysTooLarge, fieldPrefix + "days",
                $"延长天数不能超过 {DeadlineClock.MaxDays}", $"An extension cannot exceed {DeadlineClock.MaxDays} days"));
        }

        if (string.IsNullOrWhiteSpace(approver))
        {
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.ExtensionApproverRequired, fieldPrefix + "approver",
                "延长期限须注明批准人", "An extension needs the approver"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.ExtensionReasonRequired, fieldPrefix + "reason",
                "延长期限须注明理由", "An extension needs a reason"));
        }

        return errors;
    }
}

/// <summary>
/// Wording for explanations: the verb for the start event and the name of the limit,
/// e.g. 受理/承诺时限 for a permit, 立案/办案期限 for a penalty case.
/// </summary>
public sealed record ClockWording(string StartVerb, string LimitName, string CompletionVerb = "办结")
{
    public static ClockWording PermitPromised { get; } = new("受理", "承诺时限");

    public static ClockWording PermitStatutory { get; } = new("受理", "法定时限");

    public static ClockWording PenaltyCase { get; } = new("立案", "办案期限", "作出处罚决定");
}
