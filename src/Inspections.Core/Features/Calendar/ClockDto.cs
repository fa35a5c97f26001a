using Inspections.Core.Common;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Calendar;

/// <summary>A deadline clock as every feature shows it: status, due date, what is left, and why.</summary>
public sealed record ClockDto
{
    public string Status { get; init; } = "";
    public DateOnly DueDate { get; init; }
    public int RemainingDays { get; init; }
    public int LimitDays { get; init; }
    public int ExtensionDays { get; init; }
    public int SuspendedDays { get; init; }
    public bool CalendarMissing { get; init; }
    public string Explanation { get; init; } = "";

    /// <summary>Evaluates <paramref name="clock"/> at <paramref name="asOf"/>; null when the clock does not apply yet.</summary>
    public static ClockDto? Show(ClockEvaluator evaluator, DeadlineClock? clock, DateTimeOffset asOf, int dueSoon, ClockWording wording)
    {
        if (clock is null) return null;
        var e = evaluator.Evaluate(clock, asOf, dueSoon);
        return new ClockDto
        {
            Status = Wire.Name(e.Status),
            DueDate = e.DueDate,
            RemainingDays = e.RemainingDays,
            LimitDays = clock.LimitDays,
            ExtensionDays = e.ExtensionDays,
            SuspendedDays = e.SuspendedDays,
            CalendarMissing = e.CalendarMissing,
            Explanation = evaluator.Explain(clock, e, wording),
        };
    }
}
