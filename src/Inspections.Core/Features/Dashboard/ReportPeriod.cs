using Inspections.Core.Common;

namespace Inspections.Core.Features.Dashboard;

/// <summary>The periods a supervisor picks by name; the wire names are the camelCase of the members.</summary>
public enum PeriodName
{
    Month,      // 本月
    Quarter,    // 本季度
    FirstHalf,  // 上半年
    SecondHalf, // 下半年
    Year,       // 全年
    Custom,     // 自定义
}

/// <summary>A period resolved to its first and last local (Asia/Shanghai) days, both included.</summary>
/// <param name="Name">The wire name: month, quarter, firstHalf, secondHalf, year or custom.</param>
/// <param name="Title">What the page calls it: 本月, 本季度, 上半年, 下半年, 全年, 自定义.</param>
/// <param name="Label">The period written out, e.g. "2026年上半年", "2026年第2季度", "2026年3月1日至2026年3月20日".</param>
public sealed record ResolvedPeriod(string Name, string Title, string Label, DateOnly From, DateOnly To);

/// <summary>
/// Turns a period's name into dates. Named periods are taken in <c>year</c> (this year when none is
/// given): 本月 is today's month of that year, 本季度 today's quarter, 上半年 January to June, 下半年 July
/// to December, 全年 the whole year. A custom period is its two dates as given. "Today" is the local date
/// in the office's time zone, never the server's UTC date: at 2026-06-30T17:00Z it is already 7月1日 in
/// Shanghai, so 本月 is July there.
/// </summary>
public static class ReportPeriod
{
    public static string ChineseName(this PeriodName name) => name switch
    {
        PeriodName.Month => "本月",
        PeriodName.Quarter => "本季度",
        PeriodName.FirstHalf => "上半年",
        PeriodName.SecondHalf => "下半年",
        PeriodName.Year => "全年",
        PeriodName.Custom => "自定义",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static string EnglishName(PeriodName name) => name switch
    {
        PeriodName.Month => "This month",
        PeriodName.Quarter => "This quarter",
        PeriodName.FirstHalf => "First half",
        PeriodName.SecondHalf => "Second half",
        PeriodName.Year => "Whole year",
        _ => "Custom",
    };

    /// <summary>The local date of <paramref name="clock"/>'s present instant in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);

    /// <summary>
    /// The dates of <paramref name="name"/> as of <paramref name="today"/>. The request's validator has
    /// checked the arguments: a custom period has both dates, in order; a named one has none.
    /// </summary>
    public static ResolvedPeriod Resolve(PeriodName name, DateOnly today, int? year = null, DateOnly? from = null, DateOnly? to = null)
    {
        var y = year ?? today.Year;
        var quarter = (today.Month - 1) / 3;
        var (first, last, zh, en) = name switch
        {
            PeriodName.Month => (new DateOnly(y, today.Month, 1), new DateOnly(y, today.Month, 1).AddMonths(1).AddDays(-1),
                $"{y}年{today.Month}月", $"{y}-{today.Month:00}"),
            PeriodName.Quarter => (new DateOnly(y, quarter * 3 + 1, 1), new DateOnly(y, quarter * 3 + 1, 1).AddMonths(3).AddDays(-1),
                $"{y}年第{quarter + 1}季度", $"{y} Q{quarter + 1}"),
            PeriodName.FirstHalf => (new DateOnly(y, 1, 1), new DateOnly(y, 6, 30), $"{y}年上半年", $"{y} H1"),
            PeriodName.SecondHalf => (new DateOnly(y, 7, 1), new DateOnly(y, 12, 31), $"{y}年下半年", $"{y} H2"),
            PeriodName.Year => (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), $"{y}年全年", $"{y}"),
            PeriodName.Custom => (from ?? throw new ArgumentNullException(nameof(from)), to ?? throw new ArgumentNullException(nameof(to)),
                $"{from:yyyy年M月d日}至{to:yyyy年M月d日}", $"{from:yyyy-MM-dd} to {to:yyyy-MM-dd}"),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        if (last < first) throw new ArgumentException("The period ends before it starts.", nameof(to));
        return new ResolvedPeriod(Wire.Name(name), Text.Pick(name.ChineseName(), EnglishName(name)), Text.Pick(zh, en), first, last);
    }

    /// <summary>
    /// The calendar months the period touches up to <paramref name="asOf"/>, each cut to the period:
    /// the windows of a month-by-month trend. Months that have not begun by the as-of date have no figures yet.
    /// </summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To)> Months(DateOnly from, DateOnly to, DateOnly asOf)
    {
        var months = new List<(DateOnly, DateOnly)>();
        for (var start = new DateOnly(from.Year, from.Month, 1); start <= to && start <= asOf; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1).AddDays(-1);
            months.Add((start < from ? from : start, end > to ? to : end));
        }
        return months;
    }
}
