extern alias api;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using api::Inspections.Api.Auth;
using Dapper;
using Inspections.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Inspections.Benchmarks;

/// <summary>
/// Supervisors' figures and first pages at province scale (issue 16). Loads <see cref="ProvinceData"/> for N into a fresh
/// database, starts the real host on it (today fixed at <see cref="ProvinceData.Now"/>), and times, warm, the requests the
/// pages send — each figure request for the first half of 2026, the work summary, the dashboard of a district and of a city
/// (its ten districts side by side), and the first page of every list — each alternately with a baseline: one hand-written
/// statement that answers the same question by a plain scan and GROUP BY (or ORDER BY … LIMIT for a page). Each answer is
/// checked against its baseline's (the counts, or the page's ids) and a mismatch is printed. Medians of the runs.
/// </summary>
internal static class ProvinceLoad
{
    private const string SigningKey = "benchmark-signing-key-that-is-long-enough-0123456789";
    private const string From = "2026-01-01", To = "2026-06-30", AsOf = "2026-11-18";

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => ProvinceData.Now.ToUniversalTime();
    }

    /// <summary>One measured request: who sends it, the baseline statement, and how to read the same answer out of each.</summary>
    private sealed record Probe(string Name, string Url, HttpClient Client, string Baseline, Func<JsonElement, string> Ours, Func<List<dynamic>, string> Theirs, double TargetMs);

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0].Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : 100_000;
        var provider = args.Length > 1 ? args[1] : "sqlite";
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9;
        var keep = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_KEEP"); // reuse a loaded database: its name (PostgreSQL) or file
        var postgres = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_POSTGRES");
        if (provider == "postgres" && postgres is null)
        {
            Console.Error.WriteLine("PostgreSQL: set INSPECTIONS_BENCH_POSTGRES to a connection string whose user may create databases");
            return 2;
        }
        var pg = provider == "postgres";
        var name = keep ?? "inspections_province_" + Guid.NewGuid().ToString("N")[..12];
        var file = pg ? "" : keep ?? Path.Combine(Path.GetTempPath(), name + ".db");
        var options = pg
            ? new DatabaseOptions { Provider = "postgres", ConnectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = name, CommandTimeout = 3600, Timeout = 300 }.ToString() }
            : new DatabaseOptions { Provider = "sqlite", ConnectionString = $"Data Source={file}" };
        var g = new ProvinceSql(pg);
        var data = new ProvinceData(g, n);
        var factory = new DbConnectionFactory(options);
        var folder = Path.Combine(Path.GetTempPath(), "inspections-province-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            if (keep is null)
            {
                if (pg) await ScanLoad.AdminAsync(postgres!, $"CREATE DATABASE {name}");
                var load = Stopwatch.StartNew();
                Migrator.Migrate(options);
                await Seeder.RunAsync(factory, new SeedFiles(Path.Combine(ScanLoad.SolutionFolder(), "db", "seed")), new FixedClock());
                var steps = await data.LoadAsync(factory, (c, rows) => pg ? ClockRowBulk.CopyAsync((NpgsqlConnection)c, rows) : ClockRowBulk.InsertAsync((SqliteConnection)c, rows));
                Console.WriteLine(FormattableString.Invariant(
                    $"Loaded N = {n:N0} on {(pg ? "PostgreSQL" : "SQLite")} in {load.Elapsed.TotalSeconds:N0} s: {data.Cases:N0} cases, {data.Applications:N0} applications, {data.Inspections:N0} inspections, {data.Venues:N0} venues, {data.Cities} cities × 10 districts"));
                Console.WriteLine(string.Join("; ", steps.Select(s => FormattableString.Invariant($"{s.Step} {s.Rows:N0} rows {s.Seconds:N1} s"))));
            }
            else
            {
                // A database loaded by an earlier run (INSPECTIONS_BENCH_LEAVE=1), perhaps by the code before a migration: migrate
                // it as the host would at start, and fill the later migrations' stored facts as a bulk load would have.
                var upgrade = Stopwatch.StartNew();
                if (Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_RESUME") == "clocks")
                    await data.ResumeAtClocksAsync(factory, (c, rows) => pg ? ClockRowBulk.CopyAsync((NpgsqlConnection)c, rows) : ClockRowBulk.InsertAsync((SqliteConnection)c, rows));
                if (Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_RESUME") == "alerts") await data.ResumeAtAlertsAsync(factory);
                Migrator.Migrate(options);
                var filled = await data.UpgradeAsync(factory);
                Console.WriteLine(FormattableString.Invariant($"Reused {name}: migrated and {filled:N0} stored facts filled in {upgrade.Elapsed.TotalSeconds:N0} s"));
            }
            Console.WriteLine(await SizeAsync(factory, pg, file));
            return await MeasureAsync(options, factory, data, g, folder, runs);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            SqliteConnection.ClearAllPools();
            if (keep is null && Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_LEAVE") is null)
            {
                if (pg) await ScanLoad.AdminAsync(postgres!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                foreach (var f in new[] { file, file + "-wal", file + "-shm" }) if (f.Length > 0 && File.Exists(f)) File.Delete(f);
            }
            else Console.WriteLine($"left in place: {(pg ? name : file)}");
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> SizeAsync(DbConnectionFactory factory, bool pg, string file)
    {
        await using var c = await factory.OpenAsync();
        var bytes = pg ? await c.ExecuteScalarAsync<long>("SELECT pg_database_size(current_database())") : new FileInfo(file).Length;
        var counts = await c.QueryFirstAsync<(long Cases, long Apps, long Inspections, long Venues, long Clocks, long Alerts)>(
            "SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM permit_applications), (SELECT COUNT(*) FROM inspections), (SELECT COUNT(*) FROM venues), (SELECT COUNT(*) FROM deadline_clocks), (SELECT COUNT(*) FROM alerts)");
        return string.Create(CultureInfo.InvariantCulture,
            $"database {bytes / 1048576.0:N0} MB; rows: {counts.Cases:N0} cases, {counts.Apps:N0} applications, {counts.Inspections:N0} inspections, {counts.Venues:N0} venues, {counts.Clocks:N0} stored clocks, {counts.Alerts:N0} alerts");
    }

    private static async Task<int> MeasureAsync(DatabaseOptions options, DbConnectionFactory factory, ProvinceData data, ProvinceSql g, string folder, int runs)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_INSPECTIONS_API", Path.Combine(ScanLoad.SolutionFolder(), "src", "Inspections.Api"));
        await using var host = new WebApplicationFactory<api::Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", options.Provider);
            b.UseSetting("Database:ConnectionString", options.ConnectionString);
            b.UseSetting("Auth:SigningKey", SigningKey);
            b.UseSetting("Hangfire:Server", "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.UseSetting("Evidence:Root", Path.Combine(folder, "evidence"));
            b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            b.ConfigureServices(s =>
            {
                s.AddSingleton<TimeProvider>(new FixedClock());
                s.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System));
            });
        });
        var start = Stopwatch.StartNew();
        _ = host.Server; // starts the host: migrations (none left), seeding, stored clocks checked, stored facts filled
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"host started in {start.Elapsed.TotalSeconds:N1} s"));
        HttpClient As(string role, string user, string jurisdiction)
        {
            var client = host.CreateClient();
            client.Timeout = TimeSpan.FromMinutes(30); // before the figures were set-based, a city's dashboard took minutes
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                host.Services.GetRequiredService<TokenIssuer>().Mint(user, user, role, jurisdiction, role == "officer" ? "51011500123" : null));
            return client;
        }

        var district = ProvinceData.DistrictCode(0);
        var city = ProvinceData.CityCode(0);
        var supervisor = As("supervisor", "supervisor-" + district, district);
        var citySupervisor = As("supervisor", "supervisor-" + city, city);
        var officer = As("officer", $"officer-{district}-0", district);
        var clerk = As("clerk", $"clerk-{district}-0", district);
        // INSPECTIONS_BENCH_PROBES: only the probes whose name contains it (e.g. "dashboard"), to look at a few closely.
        var only = Environment.GetEnvironmentVariable("INSPECTIONS_BENCH_PROBES");
        var probes = Probes(g, data, district, city, supervisor, citySupervisor, officer, clerk)
            .Where(p => only is null || p.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();

        await using var raw = await factory.OpenAsync();
        Console.WriteLine();
        Console.WriteLine($"| request ({(options.Provider == "postgres" ? "PostgreSQL" : "SQLite")}, N = {data.Cases / 3:N0}, district {district}, city {city}) | ours, median | baseline (one SQL), median | ours ÷ baseline | runs | target | met | same answer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        var failures = 0;
        foreach (var p in probes)
        {
            var (ours, theirs, count, oursAnswer, theirAnswer) = await TimeAsync(p, raw, runs);
            var same = oursAnswer == theirAnswer;
            var met = ours <= p.TargetMs;
            if (!same || !met) failures++;
            Console.WriteLine(FormattableString.Invariant(
                $"| {p.Name} | {Ms(ours)} | {Ms(theirs)} | {ours / theirs:N2}× | {count} | < {p.TargetMs:N0} ms | {(met ? "yes" : "NO")} | {(same ? "yes" : "NO")} |"));
            if (!same) Console.Error.WriteLine($"MISMATCH {p.Name}:\n  ours:     {Short(oursAnswer)}\n  baseline: {Short(theirAnswer)}");
        }
        return failures == 0 ? 0 : 1;
    }

    private static string Short(string s) => s.Length > 600 ? s[..600] + "…" : s;

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "N2" : "N0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>
    /// Warm-up runs of each (three, or one when a run takes seconds), then alternately ours and the baseline until
    /// <paramref name="runs"/> pairs or, once three are in, a minute has passed (one pair when a single one takes over 20 s):
    /// the medians, the number of pairs and the last answers.
    /// </summary>
    private static async Task<(double Ours, double Theirs, int Runs, string OursAnswer, string TheirAnswer)> TimeAsync(Probe p, DbConnection raw, int runs)
    {
        var ours = new List<double>();
        var theirs = new List<double>();
        string oursAnswer = "", theirAnswer = "";
        var budget = Stopwatch.StartNew();
        var warmUp = 3;
        for (var i = 0; ; i++)
        {
            var watch = Stopwatch.StartNew();
            var json = await GetAsync(p.Client, p.Url);
            var t1 = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var rows = (await raw.QueryAsync(new CommandDefinition(p.Baseline, commandTimeout: 3600))).ToList();
            var t2 = watch.Elapsed.TotalMilliseconds;
            oursAnswer = p.Ours(json);
            theirAnswer = p.Theirs(rows);
            if (i == 0 && t1 + t2 > 2_000) warmUp = 1;
            if (i < warmUp) { budget.Restart(); continue; }
            ours.Add(t1);
            theirs.Add(t2);
            if (ours.Count >= runs || (ours.Count >= 3 && budget.Elapsed.TotalSeconds > 60) || t1 + t2 > 20_000) break;
        }
        ours.Sort();
        theirs.Sort();
        return (ours[ours.Count / 2], theirs[theirs.Count / 2], ours.Count, oursAnswer, theirAnswer);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    // ---------------------------------------------------------------- what is measured

    private static List<Probe> Probes(ProvinceSql g, ProvinceData data, string district, string city,
        HttpClient supervisor, HttpClient citySupervisor, HttpClient officer, HttpClient clerk)
    {
        string Date(string d) => g.Postgres ? $"DATE '{d}'" : $"'{d}'";
        string Range(string code)
        {
            var r = Inspections.Domain.Access.Jurisdiction.Range(code);
            return $"BETWEEN '{r.First}' AND '{r.Last}'";
        }
        const string period = $"from={From}&to={To}";
        var d = Range(district);

        // Closure rate: the cases filed by the period's end that were filed in it or still open when it began (ClosureRateCalculator).
        string Closure(string scope, string groupColumn, string join) => $"""
            SELECT {groupColumn} AS k,
                   SUM(CASE WHEN filed_on >= {Date(From)} THEN 1 ELSE 0 END) AS filed,
                   SUM(CASE WHEN filed_on >= {Date(From)} AND wd <= {Date(AsOf)} THEN 1 ELSE 0 END) AS withdrawn,
                   SUM(CASE WHEN filed_on >= {Date(From)} AND NOT (wd IS NOT NULL AND wd <= {Date(AsOf)}) AND cd <= {Date(AsOf)} THEN 1 ELSE 0 END) AS closed,
                   SUM(CASE WHEN filed_on >= {Date(From)} AND NOT (wd IS NOT NULL AND wd <= {Date(AsOf)}) AND cd <= {Date(AsOf)} AND on_time = 1 THEN 1 ELSE 0 END) AS on_time,
                   SUM(CASE WHEN filed_on < {Date(From)} AND (cd IS NULL OR cd >= {Date(From)}) AND (wd IS NULL OR wd >= {Date(From)}) THEN 1 ELSE 0 END) AS carried
            FROM (SELECT c.*, {g.LocalDate("c.closed_at")} AS cd, {g.LocalDate("c.withdrawn_at")} AS wd,
                         CASE WHEN c.decided_on IS NOT NULL AND {data.DecidedOnTime("c")} THEN 1 ELSE 0 END AS on_time
                  FROM cases c WHERE c.jurisdiction {scope} AND c.filed_on IS NOT NULL AND c.filed_on <= {Date(To)}) c {join}
            GROUP BY 1 ORDER BY 1
            """;
        static string Figures(JsonElement f) =>
            $"{f.GetProperty("filed")}/{f.GetProperty("withdrawn")}/{f.GetProperty("closed")}/{f.GetProperty("closedOnTime")}/{f.GetProperty("carriedOver")}";
        static string Row(dynamic r) => $"{(long)r.filed}/{(long)r.withdrawn}/{(long)r.closed}/{(long)r.on_time}/{(long)r.carried}";
        static long L(object? o) => o is null ? 0 : Convert.ToInt64(o, CultureInfo.InvariantCulture);

        // Inspections of the period by local start date, as the work summary counts them.
        var inspections = $"""
            SELECT COUNT(*) AS total, SUM(CASE WHEN outcome = 'rectificationNotice' THEN 1 ELSE 0 END) AS notices,
                   SUM(CASE WHEN rectification_checked_on IS NOT NULL THEN 1 ELSE 0 END) AS checked, SUM(CASE WHEN violations > 0 THEN 1 ELSE 0 END) AS violations
            FROM inspections WHERE jurisdiction {d} AND {g.LocalDate("started_at")} BETWEEN {Date(From)} AND {Date(To)}
            """;
        static string InspectionFigures(JsonElement i) =>
            $"{i.GetProperty("total")}/{i.GetProperty("rectificationNotices")}/{i.GetProperty("rectificationsChecked")}/{i.GetProperty("withViolations")}";
        static string InspectionRow(dynamic r) => $"{L(r.total)}/{L(r.notices)}/{L(r.@checked)}/{L(r.violations)}";

        // Window figures: acceptances in the period; completions in it, on time when the working days used are within the promise.
        string Permits(string scope) => $"""
            SELECT SUM(CASE WHEN received_on BETWEEN {Date(From)} AND {Date(To)} THEN 1 ELSE 0 END) AS received,
                   SUM(CASE WHEN accepted_on BETWEEN {Date(From)} AND {Date(To)} THEN 1 ELSE 0 END) AS accepted,
                   SUM(CASE WHEN completed_on BETWEEN {Date(From)} AND {Date(To)} THEN 1 ELSE 0 END) AS completed,
                   SUM(CASE WHEN completed_on BETWEEN {Date(From)} AND {Date(To)} AND {data.UsedDays("p")} <= p.promised_limit_days THEN 1 ELSE 0 END) AS on_time
            FROM permit_applications p WHERE p.jurisdiction {scope}
            """;
        static string PermitFigures(JsonElement f) =>
            $"{f.GetProperty("intake").EnumerateArray().Sum(r => r.GetProperty("received").GetInt32())}/{f.GetProperty("acceptedTotal")}/{f.GetProperty("onTime").GetProperty("completed")}/{f.GetProperty("onTime").GetProperty("onTime")}";
        static string PermitRow(dynamic r) => $"{L(r.received)}/{L(r.accepted)}/{L(r.completed)}/{L(r.on_time)}";

        string Limit(string sql, int take) => $"{sql} LIMIT {take}";
        static Func<JsonElement, string> Ids(string property) => page =>
            string.Join(",", (page.ValueKind == JsonValueKind.Array ? page : page.GetProperty("items")).EnumerateArray().Select(x => x.GetProperty(property).GetString()));
        static string RowIds(List<dynamic> rows) => string.Join(",", rows.Select(r => ((object)r.id).ToString()!.ToLowerInvariant()));
        Probe Page(string name, string url, HttpClient client, string sql, int take = 20, string property = "id") =>
            new(name, url, client, Limit(sql, take), Ids(property), RowIds, 10);
        var nameFragment = "星空网";

        var closureTotals = Closure(d, "'all'", "");
        return
        [
            Page("venues, first page", "/api/venues?limit=20", supervisor, $"SELECT id FROM venues WHERE jurisdiction {d} ORDER BY name, id"),
            Page($"venues, name contains “{nameFragment}”", $"/api/venues?limit=20&name={Uri.EscapeDataString(nameFragment)}", supervisor,
                $"SELECT id FROM venues WHERE jurisdiction {d} AND name LIKE '%{nameFragment}%' ORDER BY name, id"),
            Page("inspections, first page", "/api/inspections?limit=20", supervisor, $"SELECT id FROM inspections WHERE jurisdiction {d} ORDER BY started_at DESC, id DESC"),
            Page("inspections, case leads pending", "/api/inspections?limit=20&leadsPending=true", supervisor,
                $"SELECT id FROM inspections i WHERE jurisdiction {d} AND outcome = 'caseLead' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.inspection_id = i.id) ORDER BY started_at DESC, id DESC"),
            Page("cases, first page", "/api/cases?limit=20", supervisor, $"SELECT id FROM cases WHERE jurisdiction {d} ORDER BY created_at DESC, id DESC"),
            Page("cases, open only", "/api/cases?limit=20&openOnly=true", supervisor,
                $"SELECT id FROM cases WHERE jurisdiction {d} AND stage NOT IN ('closed', 'archived', 'withdrawn', 'notFiled', 'transferred') ORDER BY created_at DESC, id DESC"),
            Page("permit applications, first page", "/api/permits?limit=20", clerk, $"SELECT id FROM permit_applications WHERE jurisdiction {d} ORDER BY received_on DESC, id DESC"),
            Page("alerts, first page", "/api/alerts?limit=20", supervisor, $"SELECT id FROM alerts WHERE jurisdiction {d} AND acknowledged_at IS NULL ORDER BY id"),
            Page("my deadlines (officer), first page", "/api/alerts/my-deadlines?limit=20", officer,
                $"""
                SELECT c.subject_id AS id FROM deadline_clocks c WHERE jurisdiction {d} AND responsible_user_id = 'officer-{district}-0' AND due_on IS NOT NULL
                  AND subject_type IN ('case', 'permit', 'notice', 'unlicensedNotice') AND clock <> '{Inspections.Core.Features.Permits.PermitCorrectionWindows.Type}'
                  AND (due_soon_on <= {Date(AsOf)} OR overdue_on <= {Date(AsOf)}) ORDER BY c.due_on, c.id
                """, property: "subjectId"),
            Page("random draws, first page", "/api/draws?limit=20", supervisor, $"SELECT id FROM random_draws WHERE jurisdiction {d} ORDER BY drawn_at DESC, id DESC"),
            Page("special campaigns (whole list)", "/api/campaigns", supervisor, $"SELECT id FROM campaigns WHERE jurisdiction {d} ORDER BY starts_on DESC, id DESC", 1000),
            Page("office trainings, first page", "/api/trainings?limit=20", supervisor, $"SELECT id FROM office_trainings WHERE jurisdiction {d} ORDER BY held_on DESC, id DESC"),
            Page("office seizures, first page", "/api/seizures?limit=20", supervisor, $"SELECT id FROM office_seizures WHERE jurisdiction {d} ORDER BY seized_on DESC, id DESC"),
            new("case closure rate (district, first half 2026)", $"/api/cases/closure-rate?{period}", supervisor, closureTotals,
                j => Figures(j.GetProperty("totals")), rows => Row(rows.Single()), 100),
            new("case closure rate by venue type", $"/api/cases/closure-rate?{period}&by=venueType", supervisor,
                Closure(d, "COALESCE(v.venue_type, 'none')", "LEFT JOIN venues v ON v.id = c.venue_id"),
                j => string.Join(" ", j.GetProperty("groups").EnumerateArray().Select(x => $"{x.GetProperty("key").GetString()}:{Figures(x)}")),
                rows => string.Join(" ", rows.Select(r => $"{r.k}:{Row(r)}")), 100),
            new("case closure rate by officer", $"/api/cases/closure-rate?{period}&by=officer", supervisor,
                Closure(d, "c.officer_id", ""),
                j => string.Join(" ", j.GetProperty("groups").EnumerateArray().Select(x => $"{x.GetProperty("key").GetString()}:{Figures(x)}")),
                rows => string.Join(" ", rows.Select(r => $"{r.k}:{Row(r)}")), 100),
            new("permit figures: intake and on-time rate", $"/api/permits/figures?{period}", supervisor, Permits(d),
                PermitFigures, rows => PermitRow(rows.Single()), 100),
            new("half-year work summary (inspection figures shown)", $"/api/reports/work-summary?{period}", supervisor, inspections,
                j => InspectionFigures(j.GetProperty("inspections")), rows => InspectionRow(rows.Single()), 100),
            new("GET /api/dashboard, district (cases shown)", "/api/dashboard?period=firstHalf&year=2026", supervisor, closureTotals,
                j => Figures(j.GetProperty("cases")), rows => Row(rows.Single()), 100),
            new("GET /api/dashboard, city: 10 districts side by side (filed, overdue and due soon per district)", "/api/dashboard?period=firstHalf&year=2026", citySupervisor,
                $"""
                SELECT k, SUM(filed) AS filed, SUM(overdue) AS overdue, SUM(due_soon) AS due_soon FROM (
                    SELECT jurisdiction AS k, CASE WHEN filed_on >= {Date(From)} THEN 1 ELSE 0 END AS filed, 0 AS overdue, 0 AS due_soon FROM cases
                    WHERE jurisdiction {Range(city)} AND filed_on IS NOT NULL AND filed_on <= {Date(To)}
                    UNION ALL
                    SELECT jurisdiction, 0, CASE WHEN due_on < {Date(AsOf)} THEN 1 ELSE 0 END, CASE WHEN due_on >= {Date(AsOf)} THEN 1 ELSE 0 END FROM deadline_clocks
                    WHERE jurisdiction {Range(city)} AND due_on IS NOT NULL AND (due_on < {Date(AsOf)} OR due_soon_on <= {Date(AsOf)})
                      AND subject_type IN ('case', 'permit', 'notice', 'unlicensedNotice') AND clock <> '{Inspections.Core.Features.Permits.PermitCorrectionWindows.Type}'
                ) x GROUP BY k ORDER BY 1
                """,
                j => string.Join(" ", j.GetProperty("districts").EnumerateArray().OrderBy(x => x.GetProperty("jurisdiction").GetString(), StringComparer.Ordinal)
                    .Select(x => $"{x.GetProperty("jurisdiction").GetString()}:{x.GetProperty("casesFiled")}/{x.GetProperty("overdue")}/{x.GetProperty("dueSoon")}")),
                rows => string.Join(" ", rows.Select(r => $"{r.k}:{L(r.filed)}/{L(r.overdue)}/{L(r.due_soon)}")), 300),
        ];
    }
}
