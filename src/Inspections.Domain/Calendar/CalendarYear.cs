namespace Inspections.Domain.Calendar;

/// <summary>How a listed date departs from the ordinary Mon–Fri week.</summary>
public enum CalendarDayKind
{
    /// <summary>Statutory holiday 法定节假日 (may fall on a weekend inside a holiday period).</summary>
    Holiday,

    /// <summary>Make-up working day 调休上班: a Saturday or Sunday worked in exchange for a holiday.</summary>
    MakeUpWorkday,
}

/// <summary>One listed date of a year's arrangement, e.g. 2026-02-15 holiday 春节.</summary>
public readonly record struct CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>
/// The holiday arrangement of one year as published in the State Council's annual notice
/// 国务院办公厅关于部分节假日安排的通知. Only the exceptions are listed; every other date
/// follows the ordinary Mon–Fri week.
/// </summary>
public sealed record CalendarYear(int Year, IReadOnlyList<CalendarDay> Days);
