using Inspections.Core.Data;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Calendar;

/// <summary>Bound from "Clocks": the time zone deadlines are computed in, and due-soon thresholds per clock type.</summary>
public sealed class ClockOptions
{
    public const string Section = "Clocks";

    /// <summary>IANA id; deadlines end at 24:00 in this zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Days before the due date at which a clock turns "dueSoon", by clock type (permit, case, notice, …).</summary>
    public Dictionary<string, int> DueSoonDays { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["permit"] = 2,
        ["case"] = 10,
        ["notice"] = 3,
        ["letter"] = 3, // 区长信箱 and 信访 replies (OfficeWork)
    };

    /// <summary>How many crossed clocks the deadline scan alerts per short transaction (a scan stopped halfway keeps the batches it committed).</summary>
    public int ScanBatch { get; set; } = Features.Alerts.ScanDeadlines.Batch;

    public int DueSoonFor(string clockType) => DueSoonDays.TryGetValue(clockType, out var d) ? d : 2;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>
/// The working calendar as the database holds it, built once and reused until any year changes.
/// Each call checks a cheap stamp (count and sum of year versions), so an edit made through
/// another server is seen on the next request, not after a restart.
/// </summary>
public sealed class CalendarStore(ClockOptions options)
{
    private sealed record Snapshot(long Stamp, ClockEvaluator Evaluator);

    private Snapshot? _current;
    private readonly SemaphoreSlim _reload = new(1, 1);

    private static readonly Sql StampSql = new("SELECT COUNT(*) * 1000003 + COALESCE(SUM(version), 0) FROM calendar_years");
    private static readonly Sql DaysSql = new("SELECT day, year, kind, name FROM calendar_days ORDER BY day");

    private sealed record DayRow
    {
        public DateOnly Day { get; init; }
        public int Year { get; init; }
        public string Kind { get; init; } = "";
        public string Name { get; init; } = "";
    }

    public async Task<ClockEvaluator> EvaluatorAsync(DbSession db, CancellationToken ct)
    {
        var stamp = await db.ExecuteScalarAsync<long>(StampSql, null, ct);
        if (_current is { } snapshot && snapshot.Stamp == stamp) return snapshot.Evaluator;
        await _reload.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Stamp == stamp) return again.Evaluator;
            var rows = await db.QueryAsync<DayRow>(DaysSql, null, ct);
            var years = await db.QueryAsync<int>(YearsSql, null, ct);
            var calendar = WorkingCalendar.Create(years.Select(y => new CalendarYear(y,
                rows.Where(r => r.Year == y).Select(r => new CalendarDay(r.Day, ParseKind(r.Kind), r.Name)).ToList())));
            var evaluator = new ClockEvaluator(calendar, options.Zone);
            _current = new Snapshot(stamp, evaluator);
            return evaluator;
        }
        finally
        {
            _reload.Release();
        }
    }

    public async Task<WorkingCalendar> CalendarAsync(DbSession db, CancellationToken ct) =>
        (await EvaluatorAsync(db, ct)).Calendar;

    private static readonly Sql YearsSql = new("SELECT year FROM calendar_years ORDER BY year");

    public static string WireKind(CalendarDayKind kind) => kind == CalendarDayKind.Holiday ? "holiday" : "workday";

    public static CalendarDayKind ParseKind(string kind) => kind switch
    {
        "holiday" => CalendarDayKind.Holiday,
        "workday" => CalendarDayKind.MakeUpWorkday,
        _ => throw new FormatException($"Unknown calendar day kind '{kind}'."),
    };
}

/// <summary>Seeds the 2025 and 2026 arrangements from db/seed/calendar when no year is loaded yet.</summary>
public sealed class CalendarSeed : ISeed
{
    public int Order => 10;

    private static readonly Sql CountYears = new("SELECT COUNT(*) FROM calendar_years");

    public async Task SeedAsync(DbSession db, SeedFiles files, TimeProvider clock, CancellationToken ct)
    {
        if (await db.ExecuteScalarAsync<long>(CountYears, null, ct) > 0) return;
        var parsed = CalendarCsvParser.Parse(files.ReadText(Path.Combine("calendar", "cn-working-calendar.csv")));
        if (!parsed.Succeeded) throw new InvalidDataException("Calendar seed is invalid: " + string.Join("; ", parsed.Errors));
        foreach (var year in parsed.Years)
            await ReplaceCalendarYear.WriteYearAsync(db, year, "国务院办公厅节假日安排通知（种子数据）", "seed", clock.GetUtcNow(), ct);
    }
}
