using BenchmarkDotNet.Attributes;
using Inspections.Domain.Calendar;

namespace Inspections.Benchmarks;

/// <summary>BenchmarkDotNet view of the same workload; each invocation evaluates <see cref="Clocks"/> clocks.</summary>
// Not sealed: BenchmarkDotNet generates a subclass of each benchmark type.
[MemoryDiagnoser]
public class ClockBenchmarks
{
    private const int Clocks = 10_000;

    private DeadlineClock[] _clocks = [];
    private ClockEvaluator _engine = null!;
    private NaiveClockEvaluator _naive = null!;

    [GlobalSetup]
    public void Setup()
    {
        var years = Workload.LoadSeedYears();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        _engine = new ClockEvaluator(WorkingCalendar.Create(years), zone);
        _naive = new NaiveClockEvaluator(years, zone);
        _clocks = Workload.CreateClocks(Clocks);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Clocks)]
    public int NaiveDayLoop()
    {
        var sum = 0;
        foreach (var clock in _clocks)
        {
            sum += _naive.Evaluate(clock, Workload.AsOf, Workload.DueSoonDays).Due.DayNumber;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Clocks)]
    public int Engine()
    {
        var sum = 0;
        foreach (var clock in _clocks)
        {
            sum += _engine.Evaluate(clock, Workload.AsOf, Workload.DueSoonDays).DueDate.DayNumber;
        }

        return sum;
    }
}

/// <summary>The calendar primitive alone, for a floor under the clock figure.</summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private const int Calls = 10_000;

    private WorkingCalendar _calendar = null!;
    private DateOnly[] _dates = [];
    private int[] _counts = [];

    [GlobalSetup]
    public void Setup()
    {
        _calendar = WorkingCalendar.Create(Workload.LoadSeedYears());
        var random = new Random(7);
        var first = new DateOnly(2025, 1, 1).DayNumber;
        _dates = Enumerable.Range(0, Calls).Select(_ => DateOnly.FromDayNumber(first + random.Next(0, 600))).ToArray();
        _counts = Enumerable.Range(0, Calls).Select(_ => random.Next(1, 60)).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int AddWorkingDays()
    {
        var sum = 0;
        for (var i = 0; i < _dates.Length; i++)
        {
            sum += _calendar.AddWorkingDays(_dates[i], _counts[i]).Value.DayNumber;
        }

        return sum;
    }
}
