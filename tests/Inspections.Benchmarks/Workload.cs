using System.Reflection;
using Inspections.Domain.Calendar;

namespace Inspections.Benchmarks;

/// <summary>A reproducible mix of clocks resembling an office's open work, evaluated at one instant.</summary>
internal static class Workload
{
    public static readonly DateTimeOffset AsOf = new(2026, 6, 15, 10, 0, 0, TimeSpan.FromHours(8));

    public const int DueSoonDays = 3;

    public static IReadOnlyList<CalendarYear> LoadSeedYears()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("cn-working-calendar.csv")
            ?? throw new InvalidOperationException("seed calendar resource missing");
        using var reader = new StreamReader(stream);
        var parsed = CalendarCsvParser.Parse(reader.ReadToEnd());
        if (!parsed.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", parsed.Errors));
        }

        return parsed.Years;
    }

    public static DeadlineClock[] CreateClocks(int count, int seed = 42)
    {
        var random = new Random(seed);
        var first = new DateOnly(2025, 1, 2).DayNumber;
        var last = new DateOnly(2026, 6, 14).DayNumber;
        var workingLimits = new[] { 5, 10, 15, 20 };
        var clocks = new DeadlineClock[count];
        for (var i = 0; i < count; i++)
        {
            var start = DateOnly.FromDayNumber(random.Next(first, last + 1));
            var natural = random.Next(10) < 3; // penalty cases: 90 natural days
            var kind = natural ? ClockKind.NaturalDays : ClockKind.WorkingDays;
            var limit = natural ? 90 : workingLimits[random.Next(workingLimits.Length)];

            var suspensions = new List<ClockSuspension>();
            var roll = random.Next(100);
            if (roll < 20)
            {
                var s = start.AddDays(random.Next(1, 30));
                suspensions.Add(new ClockSuspension(s, s.AddDays(random.Next(0, 20)), "检测"));
            }
            else if (roll < 23)
            {
                suspensions.Add(new ClockSuspension(start.AddDays(random.Next(1, 30)), null, "听证"));
            }

            var extensions = random.Next(10) == 0 ? new[] { new ClockExtension(natural ? 30 : 10, "科长", "情况复杂") } : [];
            DateTimeOffset? completed = random.Next(10) == 0
                ? new DateTimeOffset(start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).AddHours(random.Next(24, 24 * 40))
                : null;

            clocks[i] = new DeadlineClock(new ClockSubject("bench", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                kind, start, limit, suspensions, extensions, completed);
        }

        return clocks;
    }
}
