using Inspections.Domain.Calendar;

namespace Inspections.Domain.Tests.Calendar;

/// <summary>The seeded 2025–2026 calendar, read from the same seed file the database is loaded from.</summary>
internal static class CalendarFixtures
{
    private static readonly Lazy<string> SeedText = new(() => File.ReadAllText(FindSeedFile()));
    private static readonly Lazy<WorkingCalendar> SeededCalendar = new(() =>
    {
        var parsed = CalendarCsvParser.Parse(SeedText.Value);
        Assert.That(parsed.Errors, Is.Empty, "the seed file must parse cleanly");
        return WorkingCalendar.Create(parsed.Years);
    });

    public static string SeedCsv => SeedText.Value;

    public static WorkingCalendar WorkCalendar => SeededCalendar.Value;

    public static TimeZoneInfo Shanghai { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static ClockEvaluator Evaluator { get; } = new(WorkCalendar, Shanghai);

    public static readonly ClockSubject Subject = new("permit-application", "test-1");

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A wall-clock time in Shanghai (UTC+8) as an instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 12, int minute = 0, int second = 0, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, TimeSpan.FromHours(8));

    public static DeadlineClock WorkingClock(string start, int limit, params ClockSuspension[] suspensions) =>
        new(Subject, ClockKind.WorkingDays, D(start), limit, suspensions);

    public static DeadlineClock NaturalClock(string start, int limit, params ClockSuspension[] suspensions) =>
        new(Subject, ClockKind.NaturalDays, D(start), limit, suspensions);

    private static string FindSeedFile()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "db", "seed", "calendar", "cn-working-calendar.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new FileNotFoundException("db/seed/calendar/cn-working-calendar.csv not found above the test directory");
    }
}
