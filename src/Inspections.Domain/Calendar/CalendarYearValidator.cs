using System.Globalization;

namespace Inspections.Domain.Calendar;

/// <summary>
/// Checks one year's arrangement as a whole before it is allowed to drive deadlines:
/// a wrong make-up day silently shifts every permit and case due date in the office.
/// </summary>
public static class CalendarYearValidator
{
    public static IReadOnlyList<CalendarValidationError> Validate(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        var errors = new List<CalendarValidationError>();

        if (year.Year < 1 || year.Year > 9998)
        {
            errors.Add(new CalendarValidationError(
                CalendarErrorCodes.YearOutOfRange,
                "year",
                $"年份 {year.Year} 无效",
                $"Year {year.Year} is out of range"));
            return errors;
        }

        var seen = new Dictionary<DateOnly, CalendarDayKind>();
        for (var i = 0; i < year.Days.Count; i++)
        {
            var day = year.Days[i];
            var date = Format(day.Date);

            if (day.Date.Year != year.Year)
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.DateOutsideYear,
                    $"days[{i}].date",
                    $"日期 {date} 不属于 {year.Year} 年",
                    $"Date {date} is not in year {year.Year}",
                    day.Date));
            }

            if (day.Kind == CalendarDayKind.MakeUpWorkday
                && day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.WorkdayNotWeekend,
                    $"days[{i}].date",
                    $"调休上班日 {date} 不是周六或周日",
                    $"Make-up working day {date} is not a Saturday or Sunday",
                    day.Date));
            }

            if (day.Kind == CalendarDayKind.Holiday && string.IsNullOrWhiteSpace(day.Name))
            {
                // Clerks read holiday names in deadline explanations ("春节假期顺延").
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.NameRequired,
                    $"days[{i}].name",
                    $"节假日 {date} 缺少名称",
                    $"Holiday {date} has no name",
                    day.Date));
            }

            if (seen.TryGetValue(day.Date, out var earlier))
            {
                errors.Add(earlier == day.Kind
                    ? new CalendarValidationError(
                        CalendarErrorCodes.DuplicateDate,
                        $"days[{i}].date",
                        $"日期 {date} 重复出现",
                        $"Date {date} is listed twice",
                        day.Date)
                    : new CalendarValidationError(
                        CalendarErrorCodes.HolidayAndWorkday,
                        $"days[{i}].kind",
                        $"日期 {date} 不能既是节假日又是调休上班日",
                        $"Date {date} cannot be both a holiday and a make-up working day",
                        day.Date));
            }
            else
            {
                seen.Add(day.Date, day.Kind);
            }
        }

        return errors;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
