using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Inspections.Benchmarks;

/// <summary>
/// The deadline scan at scale. For each N and database it bulk-loads N open clocks into deadline_clocks (PostgreSQL:
/// binary COPY; SQLite: batched transactions), computed by the same code the commands use (ClockRows.Compute over
/// permit, case and notice clocks on the seeded working calendar), plus history: a fifth of them long overdue with
/// both alerts already raised, and N alerts of closed work. Then, timed with the real scan handler:
/// <list type="bullet">
/// <item>the scan on a day nothing newly crossed (median of 5 runs);</item>
/// <item>the next day, when min(10k, N/2) clocks newly turn due soon: first the one hand-written statement that
/// answers the same question from the same rows (INSERT … SELECT … WHERE NOT EXISTS, in a transaction rolled back
/// afterwards), then our scan; both alert sets must be identical (subject, kind, due date);</item>
/// <item>the same day again (nothing new) and the process's peak working set.</item>
/// </list>
/// </summary>
internal static class ScanLoad
{
    private static readonly DateTimeOffset Day0 = new(2026, 9, 7, 10, 0, 0, TimeSpan.FromHours(8)); // a Monday; the next day is one a clock of each type can first turn due soon on
    private static readonly DateTimeOffset Day1 = Day0.AddDays(1);
    private const int Crossing = 10_000;

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    /// <summary>A clock type as ClockRows sees a source: its name and that it raises alerts.</summary>
    private sealed class Kind(string type, ClockKind kind, int limit, string subjectType, ClockWording wording) : IDeadlineSource
    {
        public string ClockType => type;
        public ClockKind ClockKind => kind;
        public int Limit => limit;
        public string SubjectType => subjectType;
        public ClockWording Wording => wording;
        public Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) => throw new NotSupportedException();
    }

    private static readonly Kind[] Kinds =
    [
        new("permit", ClockKind.WorkingDays, 20, "permit", ClockWording.PermitPromised),
        new("case", ClockKind.NaturalDays, 90, "case", ClockWording.PenaltyCase),
        new("notice", ClockKind.NaturalDays, 15, "notice", new ClockWording("下达整改通知", "整改期限", "完成整改")),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.Length > 0 ? args[0] : "10000,100000,1000000").Split(',')
            .Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
        var postgres = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_POSTGRES");
        var only = args.Length > 1 ? args[1] : null; // "sqlite" or "postgres"
        var failures = 0;
        // Warm-up: the same steps on 2,000 clocks, unprinted, so the figures are of jitted code, as in a server that has run a while.
        if (only is null or "sqlite") await RunOneAsync("sqlite", 2_000, null, print: false);
        if (postgres is not null && only is null or "postgres") await RunOneAsync("postgres", 2_000, postgres, print: false);
        Console.WriteLine("| database | open clocks | load | scan, nothing crossed (median of 5) | newly crossed | one SQL statement | our scan | ratio | identical | scan again | peak working set |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            if (only is null or "sqlite") failures += await RunOneAsync("sqlite", n, null);
            if (postgres is not null && only is null or "postgres") failures += await RunOneAsync("postgres", n, postgres);
        }
        if (postgres is null) Console.WriteLine("(PostgreSQL skipped: set INSPECTIONS_BENCH_POSTGRES to a connection string whose user may create databases)");
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> RunOneAsync(string provider, int n, string? postgres, bool print = true)
    {
        var name = "inspections_scan_" + Guid.NewGuid().ToString("N")[..12];
        var file = Path.Combine(Path.GetTempPath(), name + ".db");
        var options = provider == "sqlite"
            ? new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={file}" }
            : new DatabaseOptions { Provider = "postgres", ConnectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ToString() };
        if (postgres is not null) await AdminAsync(postgres, $"CREATE DATABASE {name}");
        try
        {
            Migrator.Migrate(options);
            var factory = new DbConnectionFactory(options);
            var clock = new Clock(Day0);
            await Seeder.RunAsync(factory, new SeedFiles(Path.Combine(SolutionFolder(), "db", "seed")), clock);
            var clockOptions = new ClockOptions();
            var calendars = new CalendarStore(clockOptions);
            ClockEvaluator evaluator;
            await using (var db = new DbSession(factory)) evaluator = await calendars.EvaluatorAsync(db, CancellationToken.None);

            var load = Stopwatch.StartNew();
            var crossing = Math.Min(Crossing, n / 2);
            await using (var connection = await factory.OpenAsync())
            {
                var rows = Generate(evaluator, clockOptions, n, crossing);
                if (provider == "postgres") await CopyAsync((NpgsqlConnection)connection, rows, n);
                else await InsertAsync((SqliteConnection)connection, rows);
            }
            await using (var db = new DbSession(factory))
            {
                // The clocks' counts by due date (migration 0035), as ClockRows keeps them: the scan's refreshes move them.
                await ClockDueDays.Table.RebuildAsync(db, CancellationToken.None);
                await db.ExecuteAsync(Analyze, null, CancellationToken.None);
            }
            load.Stop();

            // Day 0: nothing crossed.
            var quiet = new List<double>();
            for (var i = 0; i < 6; i++) quiet.Add((await ScanAsync(factory, calendars, clock)).Ms);
            quiet.RemoveAt(0); // the first run loads the calendar
            quiet.Sort();
            var quietMedian = quiet[quiet.Count / 2];

            // Day 1: the baseline statement, rolled back, then our scan.
            clock.Now = Day1;
            var today = evaluator.LocalDate(Day1);
            HashSet<string> expected;
            double baselineMs;
            await using (var db = new DbSession(factory))
            {
                await db.BeginAsync(CancellationToken.None);
                var watch = Stopwatch.StartNew();
                await db.ExecuteAsync(Baseline, new { Today = today, Now = Day1 }, CancellationToken.None);
                baselineMs = watch.Elapsed.TotalMilliseconds;
                expected = (await db.QueryAsync<string>(Keys, new { Now = Day1 }, CancellationToken.None)).ToHashSet();
                await db.RollbackAsync();
            }
            var (scanMs, result) = await ScanAsync(factory, calendars, clock);
            HashSet<string> actual;
            await using (var db = new DbSession(factory)) actual = (await db.QueryAsync<string>(Keys, new { Now = Day1 }, CancellationToken.None)).ToHashSet();
            var identical = expected.SetEquals(actual) && actual.Count == crossing && result.AlertsRaised == crossing;
            var again = (await ScanAsync(factory, calendars, clock)).Ms;
            // The counts by due date still agree with the clocks the scans left.
            await using (var db = new DbSession(factory))
                if ((await ClockDueDays.Table.DifferencesAsync(db, CancellationToken.None)).Count is var off and > 0)
                {
                    Console.WriteLine($"clock_due_days: {off} rows differ from the clocks after the scans");
                    identical = false;
                }

            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
            if (print) Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(provider == "sqlite" ? "SQLite" : "PostgreSQL")} | {n:N0} | {load.Elapsed.TotalSeconds:N1} s | {quietMedian:N1} ms | {crossing:N0} | {baselineMs:N0} ms | {scanMs:N0} ms | {scanMs / baselineMs:N2}× | {(identical ? "yes" : $"NO ({expected.Count} vs {actual.Count}, raised {result.AlertsRaised})")} | {again:N1} ms | {peak:N0} MB |"));
            return identical ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            SqliteConnection.ClearAllPools();
            if (postgres is not null) await AdminAsync(postgres, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) if (File.Exists(f)) File.Delete(f);
        }
    }

    /// <summary>The real command handler, in a transaction as the pipeline gives it.</summary>
    private static async Task<(double Ms, ScanDeadlines.Result Result)> ScanAsync(DbConnectionFactory factory, CalendarStore calendars, Clock clock)
    {
        var watch = Stopwatch.StartNew();
        await using var db = new DbSession(factory);
        await db.BeginAsync(CancellationToken.None);
        var result = await new ScanDeadlines.Handler(db, calendars, new Inspections.Core.Features.Calendar.ClockOptions(), new AlertOptions(), clock).Handle(new ScanDeadlines.Command(), CancellationToken.None);
        await db.CommitAsync(CancellationToken.None);
        return (watch.Elapsed.TotalMilliseconds, result);
    }

    /// <summary>
    /// The same question in one hand-written statement: every stored clock due soon or overdue today without that
    /// alert yet gets it (a plain message; no explanation is built).
    /// </summary>
    private static readonly Sql Baseline = new(d => $"""
        INSERT INTO alerts (id, subject_type, subject_id, jurisdiction, kind, due_date, title, message, responsible_user_id, raised_at, version)
        SELECT {(d.Provider == DbProvider.Postgres ? "gen_random_uuid()" : "lower(hex(randomblob(16)))")}, c.subject_type, c.subject_id, c.jurisdiction,
               CASE WHEN c.due_on < @Today THEN 'overdue' ELSE 'dueSoon' END, c.due_on, c.title,
               '应于 ' || CAST(c.due_on AS TEXT) || ' 前完成', c.responsible_user_id, @Now, 1
        FROM deadline_clocks c
        WHERE c.due_on IS NOT NULL AND c.alert_on IS NOT NULL AND (c.due_on < @Today OR c.due_soon_on <= @Today)
          AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.subject_type = c.subject_type AND a.subject_id = c.subject_id
                          AND a.kind = CASE WHEN c.due_on < @Today THEN 'overdue' ELSE 'dueSoon' END AND a.due_date = c.due_on)
        """);

    private static readonly Sql Analyze = new("ANALYZE deadline_clocks; ANALYZE alerts");

    private static readonly Sql Keys = new("""
        SELECT subject_type || '/' || CAST(subject_id AS TEXT) || '/' || kind || '/' || CAST(due_date AS TEXT) FROM alerts WHERE raised_at = @Now
        """);

    private static DateOnly StartFor(ClockEvaluator evaluator, ClockOptions options, Kind kind, DateOnly dueSoonOn)
    {
        for (var start = dueSoonOn.AddDays(-kind.Limit * 2 - 30); start < dueSoonOn; start = start.AddDays(1))
            if (Row(evaluator, options, kind, Guid.Empty, start, 0) is { DueSoonOn: { } d } && d == dueSoonOn)
                return start;
        throw new InvalidOperationException($"No start gives a {kind.ClockType} clock due soon on {dueSoonOn}.");
    }

    private static ClockRows.Row? Row(ClockEvaluator evaluator, ClockOptions options, Kind kind, Guid id, DateOnly start, int i)
    {
        var open = new OpenClock(kind.SubjectType, id, i % 2 == 0 ? "510115" : "510104", $"基准事项 {i}",
            new DeadlineClock(new ClockSubject(kind.ClockType, id.ToString("D")), kind.ClockKind, start, kind.Limit), kind.Wording,
            $"user-{i % 500}");
        return ClockRows.Compute(evaluator, open, kind, options.DueSoonFor(kind.ClockType), Day0);
    }

    /// <summary>One alert of history, as the alerts table holds it.</summary>
    private sealed record Alert(Guid Id, string SubjectType, Guid SubjectId, string Jurisdiction, string Kind, DateOnly DueDate, string Title);

    /// <summary>Rows streamed, never all in memory: the clocks, and the history alerts after each clock that has them.</summary>
    private static IEnumerable<object> Generate(ClockEvaluator evaluator, ClockOptions options, int n, int crossing)
    {
        var tomorrow = evaluator.LocalDate(Day1);
        var starts = Kinds.Select(k => StartFor(evaluator, options, k, tomorrow)).ToArray();
        var history = n / 5;
        for (var i = 0; i < n; i++)
        {
            var k = i % Kinds.Length;
            var id = Id(i, 1); // the same every time the rows are generated: PostgreSQL reads them twice
            ClockRows.Row row;
            if (i < crossing)
            {
                row = Row(evaluator, options, Kinds[k], id, starts[k], i)!;
            }
            else if (i < crossing + history)
            {
                // Long overdue, both alerts raised already: history the scan must not touch again.
                row = Row(evaluator, options, Kinds[k], id, starts[k].AddDays(-200 - i % 100), i)! with { AlertOn = null };
                yield return new Alert(Guid.CreateVersion7(Day0), row.SubjectType, id, row.Jurisdiction, "dueSoon", row.DueOn!.Value, row.Title);
                yield return new Alert(Guid.CreateVersion7(Day0), row.SubjectType, id, row.Jurisdiction, "overdue", row.DueOn!.Value, row.Title);
            }
            else
            {
                var start = starts[k].AddDays(3 + i % 120);
                row = Row(evaluator, options, Kinds[k], id, start, i)!;
                while (row.AlertOn <= tomorrow) row = Row(evaluator, options, Kinds[k], id, start = start.AddDays(7), i)!;
            }
            yield return row;
            // Alerts of closed work: as many again as open clocks, for the unique index to hold.
            yield return new Alert(Guid.CreateVersion7(Day0), Kinds[k].SubjectType, Id(i, 2), "510115", "overdue", tomorrow.AddDays(-300 - i % 200), "已办结事项");
        }
    }

    private static Guid Id(int i, short series) => new(i, series, 0x7000, 0x80, 0, 0, 0, 0, 0, 0, 1);

    private static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<object> rows, int n)
    {
        // Two COPY streams cannot be open on one connection: the clocks first, then the alerts (generated again, same rows).
        await ClockRowBulk.CopyAsync(connection, rows.OfType<ClockRows.Row>());
        await using (var alerts = await connection.BeginBinaryImportAsync($"COPY alerts ({AlertColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in rows.OfType<Alert>())
            {
                await alerts.StartRowAsync();
                await alerts.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                await alerts.WriteAsync(a.SubjectType, NpgsqlDbType.Varchar);
                await alerts.WriteAsync(a.SubjectId, NpgsqlDbType.Uuid);
                await alerts.WriteAsync(a.Jurisdiction, NpgsqlDbType.Varchar);
                await alerts.WriteAsync(a.Kind, NpgsqlDbType.Varchar);
                await alerts.WriteAsync(a.DueDate, NpgsqlDbType.Date);
                await alerts.WriteAsync(a.Title, NpgsqlDbType.Varchar);
                await alerts.WriteAsync("（历史）", NpgsqlDbType.Varchar);
                await alerts.WriteNullAsync();
                await alerts.WriteAsync(Day0.AddDays(-1).ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await alerts.WriteAsync(1L, NpgsqlDbType.Bigint);
            }
            await alerts.CompleteAsync();
        }
    }

    private const string AlertColumns = "id, subject_type, subject_id, jurisdiction, kind, due_date, title, message, responsible_user_id, raised_at, version";

    /// <summary>SQLite: prepared inserts in transactions of 50,000 rows.</summary>
    private static async Task InsertAsync(SqliteConnection connection, IEnumerable<object> rows)
    {
        var clock = ClockRowBulk.Insert(connection, "deadline_clocks", ClockRowBulk.Columns);
        var alert = ClockRowBulk.Insert(connection, "alerts", AlertColumns);
        var transaction = connection.BeginTransaction();
        clock.Transaction = alert.Transaction = transaction;
        var count = 0;
        foreach (var row in rows)
        {
            if (row is ClockRows.Row r)
            {
                await ClockRowBulk.RunAsync(clock, ClockRowBulk.Values(r));
            }
            else if (row is Alert a)
            {
                await ClockRowBulk.RunAsync(alert, [ClockRowBulk.G(a.Id), a.SubjectType, ClockRowBulk.G(a.SubjectId), a.Jurisdiction, a.Kind,
                    ClockRowBulk.D(a.DueDate), a.Title, "（历史）", null, ClockRowBulk.T(Day0.AddDays(-1)), 1]);
            }
            if (++count % 50_000 == 0)
            {
                transaction.Commit();
                transaction = connection.BeginTransaction();
                clock.Transaction = alert.Transaction = transaction;
            }
        }
        transaction.Commit();
    }

    internal static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inspections.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Inspections.sln not found above the benchmark");
    }
}
