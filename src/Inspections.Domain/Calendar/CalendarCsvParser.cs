using System.Globalization;

namespace Inspections.Domain.Calendar;

/// <summary>Outcome of parsing seed text: the years found and any line-level errors.</summary>
public sealed record CalendarCsvParseResult(
    IReadOnlyList<CalendarYear> Years,
    IReadOnlyList<CalendarValidationError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Parses the seed format <c>date,kind,name</c> (kind: holiday | workday), with an optional
/// header line, blank lines and <c>#</c> comment lines. Text in, data out: reading the file is
/// the caller's business, which keeps the domain free of I/O.
/// </summary>
public static class CalendarCsvParser
{
    public static CalendarCsvParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byYear = new SortedDictionary<int, List<CalendarDay>>();
        var errors = new List<CalendarValidationError>();

        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var field = $"line[{lineNumber}]";
            // The name may itself contain commas, so only the first two separators split.
            var parts = line.Split(',', 3);
            if (parts.Length < 2)
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.CsvBadLine, field,
                    $"第 {lineNumber} 行格式错误，应为 日期,类型,名称",
                    $"Line {lineNumber} is malformed; expected date,kind,name"));
                continue;
            }

            var dateText = parts[0].Trim();
            var kindText = parts[1].Trim();
            var name = parts.Length > 2 ? parts[2].Trim().Trim('"') : string.Empty;

            if (dateText.Equals("date", StringComparison.OrdinalIgnoreCase))
            {
                continue; // header
            }

            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.CsvBadDate, field + ".date",
                    $"第 {lineNumber} 行日期 \"{dateText}\" 无效，应为 yyyy-MM-dd",
                    $"Line {lineNumber}: date \"{dateText}\" is not a valid yyyy-MM-dd date"));
                continue;
            }

            CalendarDayKind kind;
            if (kindText.Equals("holiday", StringComparison.OrdinalIgnoreCase))
            {
                kind = CalendarDayKind.Holiday;
            }
            else if (kindText.Equals("workday", StringComparison.OrdinalIgnoreCase))
            {
                kind = CalendarDayKind.MakeUpWorkday;
            }
            else
            {
                errors.Add(new CalendarValidationError(
                    CalendarErrorCodes.CsvBadKind, field + ".kind",
                    $"第 {lineNumber} 行类型 \"{kindText}\" 无效，应为 holiday 或 workday",
                    $"Line {lineNumber}: kind \"{kindText}\" must be holiday or workday",
                    date));
                continue;
            }

            if (!byYear.TryGetValue(date.Year, out var days))
            {
                days = [];
                byYear.Add(date.Year, days);
            }

            days.Add(new CalendarDay(date, kind, name));
        }

        var years = byYear.Select(kv => new CalendarYear(kv.Key, kv.Value.AsReadOnly())).ToList();
        return new CalendarCsvParseResult(years, errors);
    }
}
