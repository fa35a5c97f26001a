using Inspections.Domain.Calendar;
using static Inspections.Domain.Tests.Calendar.CalendarFixtures;

namespace Inspections.Domain.Tests.Calendar;

/// <summary>
/// Randomised checks with fixed seeds (reproducible): the fast engine against the day-by-day
/// reference, and invariants any deadline engine must keep. Dates run from mid-2024 to mid-2027
/// so the unloaded years on both sides are exercised too.
/// </summary>
public sealed class CalendarPropertyTests
{
    private static readonly DateOnly RangeStart = D("2024-06-01");
    private static readonly DateOnly RangeEnd = D("2027-06-30");

    private static NaiveCalendar Naive { get; } = new(WorkCalendar.Years);

    [Test]
    public void AddWorkingDays_agrees_with_the_day_by_day_reference([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var date = RandomDate(random);
            var n = random.Next(0, 300);

            Assert.That(WorkCalendar.AddWorkingDays(date, n).Value, Is.EqualTo(Naive.AddWorkingDays(date, n)), $"{date:yyyy-MM-dd} + {n}");
        }
    }

    [Test]
    public void WorkingDaysBetween_IsWorkingDay_and_NextWorkingDay_agree_with_the_reference([Values(4, 5)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var a = RandomDate(random);
            var b = random.Next(4) == 0 ? a.AddDays(-random.Next(0, 60)) : a.AddDays(random.Next(0, 400));

            Assert.That(WorkCalendar.WorkingDaysBetween(a, b).Value, Is.EqualTo(Naive.WorkingDaysBetween(a, b)), $"({a}, {b}]");
            Assert.That(WorkCalendar.IsWorkingDay(a).Value, Is.EqualTo(Naive.IsWorkingDay(a)), $"{a}");
            Assert.That(WorkCalendar.NextWorkingDayOnOrAfter(a).Value, Is.EqualTo(Naive.NextWorkingDayOnOrAfter(a)), $"{a}");
        }
    }

    [Test]
    public void Missing_flag_is_set_exactly_when_the_counted_span_touches_an_unloaded_year([Values(6)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var date = RandomDate(random);
            var n = random.Next(1, 300);
            var result = WorkCalendar.AddWorkingDays(date, n);
            var touchesUnloaded = Enumerable.Range(date.AddDays(1).Year, result.Value.Year - date.AddDays(1).Year + 1)
                .Any(y => y is not (2025 or 2026));

            Assert.That(result.CalendarMissing, Is.EqualTo(touchesUnloaded), $"{date:yyyy-MM-dd} + {n} = {result.Value:yyyy-MM-dd}");
        }
    }

    [Test]
    public void Evaluated_due_date_and_remaining_days_agree_with_the_reference([Values(7, 8, 9)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3_000; i++)
        {
            var clock = RandomClock(random);
            var asOfDate = clock.StartDate.AddDays(random.Next(0, 200));
            var asOf = Local(asOfDate.Year, asOfDate.Month, asOfDate.Day);
            var result = Evaluator.Evaluate(clock, asOf, 3);

            // A completed clock stops on its completion day.
            var effective = clock.CompletedAt is { } done && done <= asOf ? DateOnly.FromDateTime(done.ToOffset(TimeSpan.FromHours(8)).DateTime) : asOfDate;
            var expectedDue = Naive.DueDate(clock, effective);
            Assert.That(result.AsOfDate, Is.EqualTo(effective));
            Assert.That(result.DueDate, Is.EqualTo(expectedDue), () => Describe(clock, effective));
            Assert.That(result.RemainingDays, Is.EqualTo(Naive.Remaining(clock, effective, expectedDue)), () => Describe(clock, effective));
        }
    }

    [Test]
    public void Due_date_is_always_a_working_day([Values(10, 11)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var clock = RandomClock(random);
            if (clock.LimitDays + clock.ExtensionDays == 0)
            {
                continue; // a zero limit is due on the start day itself, whatever that is
            }

            var asOf = clock.StartDate.AddDays(random.Next(0, 200));
            var result = Evaluator.Evaluate(clock, Local(asOf.Year, asOf.Month, asOf.Day), 3);

            Assert.That(Naive.IsWorkingDay(result.DueDate), Is.True, () => Describe(clock, asOf));
        }
    }

    [Test]
    public void Adding_a_suspension_or_an_extension_never_moves_the_due_date_earlier([Values(12, 13)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 5_000; i++)
        {
            var clock = RandomClock(random);
            var asOfDate = clock.StartDate.AddDays(random.Next(0, 200));
            var asOf = Local(asOfDate.Year, asOfDate.Month, asOfDate.Day);
            var before = Evaluator.Evaluate(clock, asOf, 3);

            var suspended = clock.WithSuspension(RandomSuspension(random, clock.StartDate));
            var extended = clock.WithExtension(new ClockExtension(random.Next(1, 30), "科长", "延期"));

            Assert.That(Evaluator.Evaluate(suspended, asOf, 3).DueDate, Is.GreaterThanOrEqualTo(before.DueDate), () => Describe(suspended, asOfDate));
            // Natural-day due dates can roll onto the same Monday, so only working-day clocks must move strictly.
            var extendedDue = Evaluator.Evaluate(extended, asOf, 3).DueDate;
            if (clock.Kind == ClockKind.WorkingDays)
            {
                Assert.That(extendedDue, Is.GreaterThan(before.DueDate), () => Describe(extended, asOfDate));
            }
            else
            {
                Assert.That(extendedDue, Is.GreaterThanOrEqualTo(before.DueDate), () => Describe(extended, asOfDate));
            }
        }
    }

    [Test]
    public void Remaining_working_days_shrink_by_exactly_one_per_working_day_passed([Values(14)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var clock = new DeadlineClock(Subject, ClockKind.WorkingDays, RandomDate(random), random.Next(1, 40));
            var day = clock.StartDate;
            var previous = Evaluator.Evaluate(clock, Local(day.Year, day.Month, day.Day, 9), 3).RemainingDays;
            Assert.That(previous, Is.EqualTo(clock.LimitDays));

            for (var step = 0; step < 90; step++)
            {
                day = day.AddDays(1);
                var remaining = Evaluator.Evaluate(clock, Local(day.Year, day.Month, day.Day, 9), 3).RemainingDays;
                var expectedDrop = Naive.IsWorkingDay(day) ? 1 : 0;

                Assert.That(previous - remaining, Is.EqualTo(expectedDrop), () => Describe(clock, day));
                previous = remaining;
            }
        }
    }

    [Test]
    public void Status_follows_the_due_instant_and_the_threshold([Values(15)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 3_000; i++)
        {
            var clock = RandomClock(random);
            var asOf = Local(2024, 6, 1).AddMinutes(random.Next(0, 60 * 24 * 365 * 3));
            var result = Evaluator.Evaluate(clock, asOf, 3);

            var expected = result switch
            {
                _ when clock.CompletedAt <= asOf => clock.CompletedAt < result.DueInstantUtc ? ClockStatus.CompletedOnTime : ClockStatus.CompletedLate,
                _ when asOf >= result.DueInstantUtc => ClockStatus.Overdue,
                _ when result.AsOfDate > clock.StartDate
                       && clock.Suspensions.Any(s => s.Start <= result.AsOfDate && result.AsOfDate <= (s.End ?? result.AsOfDate)) => ClockStatus.Suspended,
                _ when result.RemainingDays <= 3 => ClockStatus.DueSoon,
                _ => ClockStatus.Running,
            };
            Assert.That(result.Status, Is.EqualTo(expected), () => Describe(clock, result.AsOfDate));
            // Negative only past the due date; right after it, on days that are not counted, it can still be 0.
            Assert.That(result.RemainingDays >= 0, Is.EqualTo(result.AsOfDate <= result.DueDate).Or.EqualTo(result.RemainingDays == 0));
        }
    }

    private static DateOnly RandomDate(Random random) =>
        RangeStart.AddDays(random.Next(0, RangeEnd.DayNumber - RangeStart.DayNumber));

    private static DeadlineClock RandomClock(Random random)
    {
        var start = RandomDate(random);
        var kind = random.Next(2) == 0 ? ClockKind.WorkingDays : ClockKind.NaturalDays;
        var limit = kind == ClockKind.WorkingDays ? random.Next(0, 40) : random.Next(0, 120);
        var suspensions = Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomSuspension(random, start)).ToList();
        var extensions = Enumerable.Range(0, random.Next(0, 2)).Select(_ => new ClockExtension(random.Next(1, 15), "科长", "理由")).ToList();
        DateTimeOffset? completed = random.Next(3) == 0
            ? Local(start.Year, start.Month, start.Day, 0).AddMinutes(random.Next(0, 60 * 24 * 120))
            : null;
        return new DeadlineClock(Subject, kind, start, limit, suspensions, extensions, completed);
    }

    private static ClockSuspension RandomSuspension(Random random, DateOnly clockStart)
    {
        var start = clockStart.AddDays(random.Next(0, 80));
        return random.Next(6) == 0
            ? new ClockSuspension(start, null)
            : new ClockSuspension(start, start.AddDays(random.Next(0, 25)));
    }

    private static string Describe(DeadlineClock clock, DateOnly asOf) =>
        $"{clock.Kind} from {clock.StartDate:yyyy-MM-dd} limit {clock.LimitDays}+{clock.ExtensionDays}, " +
        $"suspensions [{string.Join("; ", clock.Suspensions.Select(s => $"{s.Start:yyyy-MM-dd}..{s.End:yyyy-MM-dd}"))}], " +
        $"completed {clock.CompletedAt:O}, as of {asOf:yyyy-MM-dd}";
}
