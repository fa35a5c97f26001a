using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Inspections.Benchmarks;
using Inspections.Domain.Calendar;

// Usage:
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- clocks [count]   quick one-shot figures
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- bdn [BenchmarkDotNet args]
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- dashboard [scale] [runs]   GET /api/dashboard warm
//     on a district's half year (SQLite; PostgreSQL when INSPECTIONS_BENCH_POSTGRES holds a connection string)
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- pages [rounds]   each page's warm server time on the demo district beside its API call
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- scan [10000,100000,1000000] [sqlite|postgres]   the deadline
//     scan over N stored clocks beside one SQL statement (PostgreSQL when INSPECTIONS_BENCH_POSTGRES holds a connection string)
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- registers [100000] [sqlite|postgres]   the venue register
//     as XLSX through the host beside a raw Dapper read of the same SQL, alternating: rows/s and peak memory
//     (PostgreSQL: INSPECTIONS_BENCH_POSTGRES holds a connection string whose user may create databases)
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- path [seconds=10] [rounds=3] [sqlite|postgres|both]   our
//     host beside raw Dapper endpoints running the same SQL, 32 connections, alternating: req/s, p50/p99 and ratio per operation
//   dotnet run -c Release --project tests/Inspections.Benchmarks -- province [N] [sqlite|postgres] [runs]   supervisors' figures and
//     every list's first page at province scale, each beside a one-statement baseline (PostgreSQL: INSPECTIONS_BENCH_POSTGRES)
var mode = args.Length > 0 ? args[0] : "clocks";
if (mode == "province")
{
    return await ProvinceLoad.RunAsync(args[1..]);
}
if (mode == "registers")
{
#if DEBUG
    Console.WriteLine("warning: Debug build; use -c Release for meaningful figures");
#endif
    return await RegisterLoad.RunAsync(args[1..]);
}
if (mode == "path")
{
#if DEBUG
    Console.WriteLine("warning: Debug build; use -c Release for meaningful figures");
#endif
    return PathLoad.UnderServerGc(args) ?? await PathLoad.RunAsync(args[1..]);
}
if (mode == "scan")
{
#if DEBUG
    Console.WriteLine("warning: Debug build; use -c Release for meaningful figures");
#endif
    return await ScanLoad.RunAsync(args[1..]);
}
if (mode == "dashboard")
{
    return await DashboardLoad.RunAsync(args[1..]);
}

if (mode == "pages")
{
#if DEBUG
    Console.WriteLine("warning: Debug build; use -c Release for meaningful figures");
#endif
    return await PageTimes.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
}

if (mode == "bdn")
{
    BenchmarkSwitcher.FromAssembly(typeof(ClockBenchmarks).Assembly).Run(args[1..]);
    return 0;
}

if (mode != "clocks")
{
    Console.Error.WriteLine("usage: -- clocks [count] | -- bdn [args] | -- dashboard [scale] [runs] | -- pages [rounds] | -- scan [N,N,…] [sqlite|postgres] | -- registers [N] [sqlite|postgres] | -- path [seconds] [rounds] [sqlite|postgres|both] | -- province [N] [sqlite|postgres] [runs]");
    return 2;
}

var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
#if DEBUG
Console.WriteLine("warning: Debug build; use -c Release for meaningful figures");
#endif

var years = Workload.LoadSeedYears();
var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
var engine = new ClockEvaluator(WorkingCalendar.Create(years), zone);
var naive = new NaiveClockEvaluator(years, zone);
var clocks = Workload.CreateClocks(count);

// Both implementations must agree before their speeds mean anything.
var mismatches = 0;
for (var i = 0; i < clocks.Length; i += 97)
{
    var fast = engine.Evaluate(clocks[i], Workload.AsOf, Workload.DueSoonDays);
    var slow = naive.Evaluate(clocks[i], Workload.AsOf, Workload.DueSoonDays);
    if (fast.DueDate != slow.Due || fast.RemainingDays != slow.Remaining || fast.Status != slow.Status)
    {
        mismatches++;
    }
}

var engineResult = Measure("engine", clocks, c => engine.Evaluate(c, Workload.AsOf, Workload.DueSoonDays).DueDate.DayNumber);
var naiveResult = Measure("baseline (naive day loop)", clocks, c => naive.Evaluate(c, Workload.AsOf, Workload.DueSoonDays).Due.DayNumber);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{count:N0} clocks, as of {Workload.AsOf:yyyy-MM-dd HH:mm zzz}, one thread; cross-check mismatches: {mismatches}"));
Console.WriteLine($"{engineResult}; {naiveResult}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"speed-up: {engineResult.PerSecond / naiveResult.PerSecond:N1}x"));
return mismatches == 0 ? 0 : 1;

static Result Measure(string name, DeadlineClock[] clocks, Func<DeadlineClock, int> evaluate)
{
    // Warm-up for a full second: tiered JIT waits ~100 ms and recompiles hot methods in the background,
    // so a short warm-up would time part of the run on unoptimised code.
    var checksum = 0;
    var warmUp = Stopwatch.StartNew();
    for (var round = 0; round < 3 || warmUp.ElapsedMilliseconds < 1_000; round++)
    {
        for (var i = 0; i < Math.Min(clocks.Length, 50_000); i++)
        {
            checksum += evaluate(clocks[i]);
        }
    }

    GC.Collect();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    foreach (var clock in clocks)
    {
        checksum += evaluate(clock);
    }

    watch.Stop();
    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    GC.KeepAlive(checksum);
    return new Result(name, clocks.Length / watch.Elapsed.TotalSeconds, (double)allocated / clocks.Length);
}

internal sealed record Result(string Name, double PerSecond, double BytesPerClock)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {PerSecond:N0} clocks/s, {BytesPerClock:N1} B/clock");
}
