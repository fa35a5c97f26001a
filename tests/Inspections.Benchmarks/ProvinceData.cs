using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Permits;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Inspections.Benchmarks;

/// <summary>
/// A province's two years of work, generated inside the database (generate_series on PostgreSQL, a recursive CTE on
/// SQLite), never held in memory: N open cases and N open applications, 2N closed cases and 2N closed applications,
/// 2N inspections (a tenth of them with a rectification notice, the recent ones still open), N/2 venues, and per district
/// special campaigns, random draws and office records. Rows are spread over <see cref="Cities"/> cities of ten districts
/// each (codes 51cc01 … 51cc10, added to the jurisdictions table), dated from 2025-01-01 to <see cref="Today"/>, and shaped
/// as the commands write them (stage by stage: a closed case carries its filing, decision, service, payment and closing;
/// a completed application its acceptance, decision and completion; the item's name, limits and materials copied from the
/// catalog). The open work's stored clocks are then computed by the real deadline sources and <see cref="ClockRows"/>,
/// district by district, and the alerts a scan would have raised on them are in the alerts table.
/// Columns a later migration adds (the figures' stored facts) are filled when the table has them.
/// </summary>
internal sealed class ProvinceData(ProvinceSql g, int n)
{
    /// <summary>The benchmark's today: a Wednesday, day 686 after 2025-01-01.</summary>
    public static readonly DateOnly Today = new(2026, 11, 18);
    public const int TodayNo = 686;
    public static readonly DateTimeOffset Now = new(2026, 11, 18, 10, 0, 0, TimeSpan.FromHours(8));

    public int Cities { get; } = Math.Clamp(n / 200_000, 1, 18);
    public int Districts => Cities * 10;
    public long Venues => (long)Districts * Math.Max(10, (n / 2 + Districts - 1) / Districts);
    public long Cases => 3L * n;
    public long Applications => 3L * n;
    public long Inspections => 2L * n;
    public const int CampaignsPerDistrict = 8;
    public const int DrawsPerDistrict = 24;
    public const int OfficeRecordsPerDistrict = 100;

    public static string CityCode(int city) => $"51{60 + city:00}00";
    public static string DistrictCode(int district) => $"51{60 + district / 10:00}{district % 10 + 1:00}";

    /// <summary>The tables the generator fills, whose secondary indexes are dropped for the load and built again after it.</summary>
    public static readonly string[] Tables =
    [
        "venues", "inspections", "cases", "permit_applications", "campaigns", "random_draws", "office_trainings", "office_publicity",
        "office_seizures", "deadline_clocks", "alerts",
    ];

    public async Task<IReadOnlyList<(string Step, double Seconds, long Rows)>> LoadAsync(DbConnectionFactory factory, Func<DbConnection, IEnumerable<ClockRows.Row>, Task> writeClocks)
    {
        var steps = new List<(string, double, long)>();
        await using var connection = await factory.OpenAsync();
        async Task Step(string name, Func<Task<long>> run)
        {
            var watch = Stopwatch.StartNew();
            var rows = await run();
            steps.Add((name, watch.Elapsed.TotalSeconds, rows));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:N1} s"));
        }
        Task<long> Exec(string sql) => connection.ExecuteAsync(new CommandDefinition(sql, commandTimeout: 3600)).ContinueWith(t => (long)t.Result);

        if (g.Postgres) await connection.ExecuteAsync("SET session_replication_role = replica; SET maintenance_work_mem = '256MB'; SET synchronous_commit = off");
        else await connection.ExecuteAsync("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000");

        await Step("helper tables", async () => await HelpersAsync(connection));
        var indexes = await DropIndexesAsync(connection);
        await Step("venues", () => Exec(VenuesSql()));
        await Step("campaigns", () => Exec(CampaignsSql()));
        await Step("inspections", () => Exec(InspectionsSql()));
        await Step("cases", () => Exec(CasesSql()));
        await Step("applications", () => Exec(ApplicationsSql()));
        await Step("draws and office records", async () => await Exec(DrawsSql()) + await Exec(OfficeSql()));
        await Step("figure facts", () => FactsAsync(factory, connection));
        await Step("indexes again", async () =>
        {
            foreach (var create in indexes) await connection.ExecuteAsync(new CommandDefinition(create, commandTimeout: 3600));
            return indexes.Count;
        });
        // Statistics first: the deadline sources' statements are planned on them.
        await Step("analyze", async () => await AnalyzeAsync(connection));
        await ClocksAndAlertsAsync(factory, connection, writeClocks, Step);
        if (g.Postgres) await connection.ExecuteAsync("SET session_replication_role = origin");
        return steps;
    }

    private async Task ClocksAndAlertsAsync(DbConnectionFactory factory, DbConnection connection, Func<DbConnection, IEnumerable<ClockRows.Row>, Task> writeClocks,
        Func<string, Func<Task<long>>, Task> step)
    {
        await step("stored clocks", () => ClocksAsync(factory, connection, writeClocks));
        // Their counts by due date (migration 0035), as ClockRows keeps them: counted afresh from the clocks just written.
        await step("clock counts by due date", async () =>
        {
            await using var db = new DbSession(factory);
            return await ClockDueDays.Table.RebuildAsync(db, CancellationToken.None);
        });
        // The alerts statement is planned on the clocks' statistics: taken while the table was empty, they made it quadratic.
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE deadline_clocks; ANALYZE alerts", commandTimeout: 3600));
        await step("alerts", () => AlertsAsync(connection));
        await step("analyze again", async () => await AnalyzeAsync(connection));
    }

    private static async Task<long> AnalyzeAsync(DbConnection connection)
    {
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandTimeout: 3600, commandType: System.Data.CommandType.Text));
        return 0;
    }

    /// <summary>A load that stopped after its indexes (INSPECTIONS_BENCH_LEAVE kept it): statistics, then the stored clocks and alerts.</summary>
    public async Task ResumeAtClocksAsync(DbConnectionFactory factory, Func<DbConnection, IEnumerable<ClockRows.Row>, Task> writeClocks)
    {
        await using var connection = await factory.OpenAsync();
        await AnalyzeAsync(connection);
        await ClocksAndAlertsAsync(factory, connection, writeClocks, async (name, run) =>
        {
            var watch = Stopwatch.StartNew();
            var rows = await run();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:N1} s"));
        });
    }

    /// <summary>A load that stopped in its alerts (their statement cancelled): the alerts again, then statistics.</summary>
    public async Task ResumeAtAlertsAsync(DbConnectionFactory factory)
    {
        await using var connection = await factory.OpenAsync();
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM alerts", commandTimeout: 3600));
        var watch = Stopwatch.StartNew();
        var rows = await AlertsAsync(connection);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  alerts: {rows:N0} rows in {watch.Elapsed.TotalSeconds:N1} s"));
        await AnalyzeAsync(connection);
    }

    /// <summary>After migrating a database this generator loaded earlier: the stored facts of later migrations, and fresh statistics.</summary>
    public async Task<long> UpgradeAsync(DbConnectionFactory factory)
    {
        await using var connection = await factory.OpenAsync();
        // Only the rows a load from before the facts' migration left without them: filling every row again rewrites millions.
        var rows = await FactsAsync(factory, connection, missingOnly: true);
        // A migration that rewrote a table's rows (0032 wrote every case's venue type) left its pages out of PostgreSQL's
        // visibility map, and every index-only scan then reads the heap; autovacuum would mend it in a while, this at once.
        await connection.ExecuteAsync(new CommandDefinition(g.Postgres ? "VACUUM (ANALYZE)" : "ANALYZE", commandTimeout: 3600, commandType: System.Data.CommandType.Text));
        return rows;
    }

    // ---------------------------------------------------------------- helper tables

    private async Task<long> HelpersAsync(DbConnection c)
    {
        var date = g.Postgres ? "date" : "TEXT";
        await c.ExecuteAsync($"""
            CREATE TABLE bench_days (dayno integer NOT NULL PRIMARY KEY, day {date} NOT NULL, is_work integer NOT NULL, widx integer NOT NULL, next_work integer NOT NULL);
            CREATE INDEX ix_bench_days_widx ON bench_days (widx, is_work);
            CREATE TABLE bench_districts (idx integer NOT NULL PRIMARY KEY, code varchar(12) NOT NULL, city integer NOT NULL);
            CREATE TABLE bench_types (idx integer NOT NULL PRIMARY KEY, venue_type varchar(32) NOT NULL, word varchar(20) NOT NULL, template_id {(g.Postgres ? "uuid" : "TEXT")} NOT NULL);
            CREATE TABLE bench_items (idx integer NOT NULL PRIMARY KEY, code varchar(40) NOT NULL, kind varchar(24) NOT NULL, submitted text NOT NULL);
            CREATE TABLE bench_violations (idx integer NOT NULL PRIMARY KEY, code varchar(40) NOT NULL);
            """);

        // Working days of the seeded calendar (2025 and 2026): weekdays, less holidays, plus make-up working days.
        var special = (await c.QueryAsync<(string Day, string Kind)>(g.Postgres
                ? "SELECT to_char(day, 'YYYY-MM-DD'), kind FROM calendar_days" : "SELECT day, kind FROM calendar_days"))
            .ToDictionary(x => DateOnly.ParseExact(x.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), x => x.Kind);
        var days = Enumerable.Range(0, 730).Select(i => ProvinceSql.Day0.AddDays(i)).ToList();
        bool IsWork(DateOnly d) => special.TryGetValue(d, out var k) ? k == "workday" : d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
        var rows = new List<object>();
        var widx = 0;
        for (var i = 0; i < days.Count; i++)
        {
            if (IsWork(days[i])) widx++;
            var next = i;
            while (next < days.Count - 1 && !IsWork(days[next])) next++;
            rows.Add(new { DayNo = i, Day = days[i].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), IsWork = IsWork(days[i]) ? 1 : 0, WIdx = widx, Next = next });
        }
        await using (var t = await c.BeginTransactionAsync())
        {
            await c.ExecuteAsync($"INSERT INTO bench_days VALUES (@DayNo, {(g.Postgres ? "CAST(@Day AS date)" : "@Day")}, @IsWork, @WIdx, @Next)", rows, t);
            await c.ExecuteAsync("INSERT INTO bench_districts VALUES (@Idx, @Code, @City)",
                Enumerable.Range(0, Districts).Select(d => new { Idx = d, Code = DistrictCode(d), City = d / 10 }), t);
            // The province's cities and districts, as the jurisdictions table names them.
            var nodes = Enumerable.Range(0, Cities).Select(ci => new { Code = CityCode(ci), Name = $"基准{ci + 1}市", Parent = "510000", Level = "city" })
                .Concat(Enumerable.Range(0, Districts).Select(d => new { Code = DistrictCode(d), Name = $"基准{d / 10 + 1}市第{d % 10 + 1}区", Parent = CityCode(d / 10), Level = "district" }));
            await c.ExecuteAsync("INSERT INTO jurisdictions (code, name, parent_code, level) VALUES (@Code, @Name, @Parent, @Level)", nodes, t);
            var words = new Dictionary<string, string>
            {
                ["internetCafe"] = "网吧", ["songAndDance"] = "KTV", ["gameArcade"] = "电玩城", ["bookshop"] = "书店",
                ["audioVideoRetail"] = "音像店", ["printShop"] = "图文快印", ["performanceVenue"] = "剧场",
            };
            var templates = (await c.QueryAsync<(string VenueType, string Id)>(g.Postgres
                ? "SELECT venue_type, id::text FROM checklist_templates t WHERE version = (SELECT MAX(version) FROM checklist_templates u WHERE u.venue_type = t.venue_type) ORDER BY venue_type"
                : "SELECT venue_type, id FROM checklist_templates t WHERE version = (SELECT MAX(version) FROM checklist_templates u WHERE u.venue_type = t.venue_type) ORDER BY venue_type", transaction: t)).ToList();
            await c.ExecuteAsync($"INSERT INTO bench_types VALUES (@Idx, @VenueType, @Word, {(g.Postgres ? "CAST(@Id AS uuid)" : "@Id")})",
                templates.Select((x, i) => new { Idx = i, x.VenueType, Word = words.GetValueOrDefault(x.VenueType, "场所"), x.Id }), t);
            // Each catalog item with each kind it takes; what was handed in is the whole materials list.
            var items = (await c.QueryAsync<(string Code, string Kinds, string Materials)>("SELECT code, kinds, materials FROM permit_items ORDER BY code", transaction: t)).ToList();
            var pairs = items.SelectMany(x => Kinds(x.Kinds).Select(k => (x.Code, Kind: k, Submitted: JsonSerializer.Serialize(MaterialCodes(x.Materials))))).ToList();
            await c.ExecuteAsync("INSERT INTO bench_items VALUES (@Idx, @Code, @Kind, @Submitted)",
                pairs.Select((p, i) => new { Idx = i, p.Code, p.Kind, p.Submitted }), t);
            await c.ExecuteAsync("INSERT INTO bench_violations SELECT ROW_NUMBER() OVER (ORDER BY code) - 1, code FROM violation_catalog", transaction: t);
            await t.CommitAsync();
        }
        _types = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM bench_types");
        _items = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM bench_items");
        _violations = await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM bench_violations");
        return rows.Count;
    }

    private int _types, _items, _violations;

    private static IEnumerable<string> Kinds(string stored) =>
        stored.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<string[]>(stored)! : stored.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static List<string> MaterialCodes(string stored)
    {
        using var doc = JsonDocument.Parse(stored);
        return doc.RootElement.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetProperty("code").GetString()!).ToList();
    }

    // ---------------------------------------------------------------- indexes around the load

    private async Task<List<string>> DropIndexesAsync(DbConnection c)
    {
        var list = g.Postgres
            ? (await c.QueryAsync<(string Name, string Sql)>(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(@Tables) AND indexname NOT LIKE '%pkey'",
                new { Tables })).ToList()
            : (await c.QueryAsync<(string Name, string Sql)>(
                $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", Tables.Select(t => $"'{t}'"))})")).ToList();
        foreach (var (name, _) in list) await c.ExecuteAsync($"DROP INDEX {name}");
        return list.Select(x => x.Sql).ToList();
    }

    // ---------------------------------------------------------------- the rows

    private string VenuesSql()
    {
        var d = Districts;
        return $"""
            {g.Series(Venues)}
            INSERT INTO venues (id, jurisdiction, name, address, venue_type, license_number, license_status, created_at, updated_at, version)
            SELECT {g.Id(1, "i")}, bd.code,
                   substr('星空蓝海金色云端龙腾凤鸣天府锦城蜀风锦绣书香墨韵乐享欢聚极速畅游', CAST(1 + 2 * {ProvinceSql.H("i", 2, 20)} AS integer), 2) || bt.word || ' ' || {g.Text("i")},
                   '基准大道 ' || {g.Text("i")} || ' 号', bt.venue_type,
                   CASE WHEN {ProvinceSql.H("i", 3, 100)} < 90 THEN 'L' || bd.code || '-' || {g.Text("i")} END,
                   CASE WHEN {ProvinceSql.H("i", 3, 100)} < 90 THEN 'licensed' WHEN {ProvinceSql.H("i", 3, 100)} < 96 THEN 'unlicensed'
                        WHEN {ProvinceSql.H("i", 3, 100)} < 98 THEN 'suspended' ELSE 'closed' END,
                   {g.At(ProvinceSql.H("i", 4, TodayNo), "600")}, {g.At(ProvinceSql.H("i", 4, TodayNo), "600")}, 1
            FROM s JOIN bench_districts bd ON bd.idx = i % {d} JOIN bench_types bt ON bt.idx = (i / {d}) % {_types}
            """;
    }

    private string CampaignsSql() => $"""
        {g.Series((long)Districts * CampaignsPerDistrict)}
        INSERT INTO campaigns (id, jurisdiction, name, description, starts_on, ends_on, created_at, created_by, version)
        SELECT {g.Id(5, "i")}, bd.code, '第' || {g.Text($"i % {CampaignsPerDistrict} + 1")} || '季度文化市场专项整治', '基准专项行动',
               {g.Day($"(i % {CampaignsPerDistrict}) * 91")}, {g.Day($"(i % {CampaignsPerDistrict}) * 91 + 60")},
               {g.At($"(i % {CampaignsPerDistrict}) * 91", "540")}, 'supervisor-' || bd.code, 1
        FROM s JOIN bench_districts bd ON bd.idx = i / {CampaignsPerDistrict}
        """;

    private string InspectionsSql()
    {
        var d = Districts;
        // a: the venue, its district and type, the day (iday: not "day", a column of bench_days) (a working day before today), the kind and outcome.
        return $"""
            {g.Series(Inspections)}
            INSERT INTO inspections (id, jurisdiction, venue_id, template_id, kind, campaign_id, joint_departments, complaint_reference, started_at, ended_at,
                outcome, violations, rectification_issued_on, rectification_limit_days, rectification_due_on, rectification_requirements,
                rectification_checked_on, rectification_result, rectification_checked_by, rectification_check_note,
                case_lead, case_lead_description, referral_department, referral_note, venue_closed, recorded_by, recorded_by_name, created_at, version)
            SELECT {g.Id(2, "i")}, bd.code, {g.Id(1, "v")}, bt.template_id,
                   CASE WHEN k < 70 THEN 'routine' WHEN k < 80 THEN 'random' WHEN k < 90 THEN 'complaint' WHEN k < 95 THEN 'joint' ELSE 'campaign' END,
                   CASE WHEN k >= 95 THEN {g.Id(5, $"(v % {d}) * {CampaignsPerDistrict} + iday / 91")} END,
                   CASE WHEN k >= 90 AND k < 95 THEN '公安、市场监管' END,
                   CASE WHEN k >= 80 AND k < 90 THEN 'TS-' || {g.Text("i")} END,
                   {g.At("iday", "540 + m")}, {g.At("iday", "570 + m")},
                   CASE WHEN o < 75 THEN 'compliant' WHEN o < 83 THEN 'correctedOnSpot' WHEN o < 93 THEN 'rectificationNotice' WHEN o < 97 THEN 'caseLead' ELSE 'referral' END,
                   CASE WHEN o < 75 THEN 0 ELSE 1 + i % 2 END,
                   CASE WHEN o >= 83 AND o < 93 THEN {g.Day("iday")} END,
                   CASE WHEN o >= 83 AND o < 93 THEN 15 END,
                   CASE WHEN o >= 83 AND o < 93 THEN {g.Day(ProvinceSql.NextWork("iday + 15"))} END,
                   CASE WHEN o >= 83 AND o < 93 THEN '限期整改：清退未成年人，规范经营' END,
                   CASE WHEN checked = 1 THEN {g.Day("iday + 12")} END,
                   CASE WHEN checked = 1 THEN 'rectified' END,
                   CASE WHEN checked = 1 THEN '执法员' || {g.Text($"{ProvinceSql.H("i", 17, 8)}")} END,
                   NULL,
                   {g.Bool("o >= 93 AND o < 97")},
                   CASE WHEN o >= 93 AND o < 97 THEN '接纳未成年人上网，转立案' END,
                   CASE WHEN o >= 97 THEN '市场监管局' END,
                   CASE WHEN o >= 97 THEN '无照经营，移送处理' END,
                   {g.False}, 'officer-' || bd.code || '-' || {g.Text(ProvinceSql.H("i", 17, 8))}, '执法员' || {g.Text(ProvinceSql.H("i", 17, 8))},
                   {g.At("iday", "570 + m")}, 1
            FROM (
                SELECT i, v, iday, m, k, o,
                       CASE WHEN o >= 83 AND o < 93 AND iday + 20 < {TodayNo} AND {ProvinceSql.H("i", 16, 10)} < 9 THEN 1 ELSE 0 END AS checked
                FROM (
                    SELECT i, {ProvinceSql.H("i", 11, Venues)} AS v, {ProvinceSql.NextWork(ProvinceSql.H("i", 12, TodayNo - 6))} AS iday,
                           {ProvinceSql.H("i", 13, 420)} AS m, {ProvinceSql.H("i", 14, 100)} AS k, {ProvinceSql.H("i", 15, 100)} AS o
                    FROM s) a) x
            JOIN bench_districts bd ON bd.idx = v % {d} JOIN bench_types bt ON bt.idx = (v / {d}) % {_types}
            """;
    }

    /// <summary>
    /// Cases: rows 0 … N−1 open (a lead, or filed 1–180 days ago and somewhere before closing), the rest closed or withdrawn
    /// (filed since 2025-01-01, decided within the 90-day limit nine times in ten, closed eight days after the decision).
    /// </summary>
    private string CasesSql()
    {
        var d = Districts;
        var perDistrict = Venues / d;
        // a: district, venue, the open/closed split, the filing day, days to decision and the stage.
        var stage = $"""
            CASE WHEN i < {n} THEN
                CASE WHEN sp < 5 THEN 'lead' WHEN sp < 25 THEN 'filed' WHEN sp < 55 THEN 'investigation' WHEN sp < 70 THEN 'legalReview'
                     WHEN sp < 85 OR age < 10 THEN 'priorNotice' WHEN sp < 93 THEN 'decided' ELSE 'served' END
            ELSE CASE WHEN sp < 3 THEN 'withdrawn' WHEN sp < 73 THEN 'closed' ELSE 'archived' END END
            """;
        var decided = "stage IN ('decided', 'served', 'closed', 'archived')";
        var served = "stage IN ('served', 'closed', 'archived')";
        var done = "stage IN ('closed', 'archived')";
        return $"""
            {g.Series(Cases)}
            INSERT INTO cases (id, jurisdiction, stage, case_number, source, venue_id, party_kind, party_name, party_address, violation_code, facts, occurred_on,
                officer_id, officer_name, created_at, filed_at, filed_on, decision_limit_days, prior_notice_on, rights_waived,
                proposed_warning, proposed_fine_fen, decided_on, decided_at, decision_kind, warning, fine_fen, license_revoked,
                service_limit_days, served_on, served_at, service_method, payment_limit_days, fine_paid_on, fine_paid_fen, executed_at, closed_at, archived_at,
                withdrawn_at, withdrawal_reason, serious_harm, updated_at, version)
            SELECT {g.Id(3, "i")}, bd.code, stage,
                   CASE WHEN stage <> 'lead' THEN bd.code || '文执罚〔' || {g.Text("CASE WHEN f < 365 THEN 2025 ELSE 2026 END")} || '〕' || {g.Text("i + 1")} || '号' END,
                   CASE WHEN i % 5 < 2 THEN 'inspection' WHEN i % 5 < 4 THEN 'complaint' ELSE 'petition' END,
                   {g.Id(1, "venue")}, 'company', '经营者' || {g.Text("i")}, '基准大道 ' || {g.Text("venue")} || ' 号', bv.code, '接纳未成年人上网。', {g.Day("f - 2")},
                   'officer-' || bd.code || '-' || {g.Text(ProvinceSql.H("i", 17, 8))}, '执法员' || {g.Text(ProvinceSql.H("i", 17, 8))},
                   {g.At("f - 1", "540")},
                   CASE WHEN stage <> 'lead' THEN {g.At("f", "600")} END,
                   CASE WHEN stage <> 'lead' THEN {g.Day("f")} END,
                   CASE WHEN stage <> 'lead' THEN 90 END,
                   CASE WHEN stage = 'priorNotice' OR {decided} THEN {g.Day("f + (dd * 3) / 4")} END,
                   {g.Bool($"stage = 'priorNotice' OR {decided}")},
                   CASE WHEN stage = 'priorNotice' OR {decided} THEN {g.True} END,
                   CASE WHEN stage = 'priorNotice' OR {decided} THEN 500000 END,
                   CASE WHEN {decided} THEN {g.Day("f + dd")} END,
                   CASE WHEN {decided} THEN {g.At("f + dd", "900")} END,
                   CASE WHEN {decided} THEN 'penalty' END,
                   {g.Bool(decided)},
                   CASE WHEN {decided} THEN 500000 END,
                   {g.False},
                   CASE WHEN {decided} THEN 7 END,
                   CASE WHEN {served} THEN {g.Day("f + dd + 1")} END,
                   CASE WHEN {served} THEN {g.At("f + dd + 1", "600")} END,
                   CASE WHEN {served} THEN '直接送达' END,
                   CASE WHEN {served} THEN 15 END,
                   CASE WHEN {done} THEN {g.Day("f + dd + 5")} END,
                   CASE WHEN {done} THEN 500000 END,
                   CASE WHEN {done} THEN {g.At("f + dd + 6", "600")} END,
                   CASE WHEN {done} THEN {g.At("f + dd + 8", "600")} END,
                   CASE WHEN stage = 'archived' THEN {g.At("f + dd + 9", "600")} END,
                   CASE WHEN stage = 'withdrawn' THEN {g.At("f + 15", "600")} END,
                   CASE WHEN stage = 'withdrawn' THEN '违法事实不能成立' END,
                   {g.False},
                   {g.At("CASE WHEN stage = 'withdrawn' THEN f + 15 WHEN stage = 'archived' THEN f + dd + 9 WHEN stage = 'closed' THEN f + dd + 8 WHEN stage = 'served' THEN f + dd + 1 WHEN stage = 'decided' THEN f + dd ELSE f END", "600")},
                   CASE WHEN stage = 'lead' THEN 1 WHEN stage = 'archived' THEN 9 WHEN stage = 'closed' THEN 8 ELSE 3 END
            FROM (
                SELECT i, dist, venue, viol, f, dd, age, {stage} AS stage
                FROM (
                    SELECT i, dist, dist + {d} * {ProvinceSql.H("i", 22, perDistrict)} AS venue, {ProvinceSql.H("i", 23, _violations)} AS viol, sp, age,
                           CASE WHEN i < {n} THEN {TodayNo} - age ELSE 1 + {ProvinceSql.H("i", 26, TodayNo - 160)} END AS f,
                           CASE WHEN i < {n} THEN (age * 2) / 3
                                WHEN {ProvinceSql.H("i", 27, 100)} < 90 THEN 10 + {ProvinceSql.H("i", 28, 75)} ELSE 95 + {ProvinceSql.H("i", 28, 40)} END AS dd
                    FROM (SELECT i, {ProvinceSql.H("i", 21, d)} AS dist, {ProvinceSql.H("i", 25, 100)} AS sp, 1 + {ProvinceSql.H("i", 24, 180)} AS age FROM s) a0) a) x
            JOIN bench_districts bd ON bd.idx = dist JOIN bench_violations bv ON bv.idx = viol
            """;
    }

    /// <summary>
    /// Applications: rows 0 … N−1 open (received in the last six weeks, at any stage before completion), the rest
    /// finished: not accepted (6%), or accepted on the day of receipt and completed after u working days — within the
    /// promised limit 92 times in 100.
    /// </summary>
    private string ApplicationsSql()
    {
        var d = Districts;
        var stage = $"""
            CASE WHEN i < {n} THEN
                CASE WHEN sp < 10 THEN 'received' WHEN sp < 15 THEN 'correctionRequested' WHEN sp < 50 THEN 'accepted'
                     WHEN sp < 85 OR rw >= {TodayNo} - 1 THEN 'underReview' ELSE 'approved' END
            ELSE CASE WHEN sp < 6 THEN 'notAccepted' ELSE 'completed' END END
            """;
        var accepted = "stage IN ('accepted', 'underReview', 'approved', 'completed')";
        var decided = "stage IN ('approved', 'completed')";
        return $"""
            {g.Series(Applications)}
            INSERT INTO permit_applications (id, jurisdiction, item_code, item_name, kind, stage, applicant_name, applicant_phone, statutory_limit_days,
                promised_limit_days, correction_window_days, hearing_basis, materials, submitted, correction_items, correction_requested_on, not_accepted_reason,
                received_at, received_on, accepted_at, accepted_on, accepted_deemed, decided_at, decided_on, certificate_limit_days, completed_at, completed_on,
                certificate_number, responsible_id, responsible_name, holder_id, holder_name, updated_at, version)
            SELECT {g.Id(4, "i")}, bd.code, pi.code, pi.name, bi.kind, stage, '申请人' || {g.Text("i")}, '028-8' || {g.Text("1000000 + i % 8999999")},
                   pi.statutory_limit_days, pi.promised_limit_days, 5, pi.hearing_basis, pi.materials, bi.submitted,
                   CASE WHEN stage = 'correctionRequested' THEN '["premises"]' END,
                   CASE WHEN stage = 'correctionRequested' THEN {g.Day("rw")} END,
                   CASE WHEN stage = 'notAccepted' THEN '不属于本机关职权范围' END,
                   {g.At("rw", "570")}, {g.Day("rw")},
                   CASE WHEN {accepted} THEN {g.At("rw", "600")} END,
                   CASE WHEN {accepted} THEN {g.Day("rw")} END,
                   {g.False},
                   CASE WHEN {decided} THEN {g.At("cd", "900")} END,
                   CASE WHEN {decided} THEN {g.Day("cd")} END,
                   CASE WHEN {decided} THEN 10 END,
                   CASE WHEN stage = 'completed' THEN {g.At("cd", "960")} END,
                   CASE WHEN stage = 'completed' THEN {g.Day("cd")} END,
                   CASE WHEN stage = 'completed' THEN '川文许 ' || {g.Text("i")} END,
                   'clerk-' || bd.code || '-' || {g.Text(ProvinceSql.H("i", 38, 5))}, '窗口' || {g.Text(ProvinceSql.H("i", 38, 5))} || '号',
                   'clerk-' || bd.code || '-' || {g.Text(ProvinceSql.H("i", 38, 5))}, '窗口' || {g.Text(ProvinceSql.H("i", 38, 5))} || '号',
                   {g.At("CASE WHEN stage IN ('completed', 'approved') THEN cd ELSE rw END", "960")},
                   CASE WHEN stage = 'completed' THEN 5 WHEN stage IN ('approved', 'underReview') THEN 3 ELSE 2 END
            FROM (
                SELECT i, dist, item, rw, u, {stage} AS stage,
                       {ProvinceSql.WorkDay($"{ProvinceSql.WorkIndex("rw")} + u")} AS cd
                FROM (
                    SELECT i, dist, item, sp, rw,
                           CASE WHEN i < {n} THEN 1 WHEN {ProvinceSql.H("i", 34, 100)} < 92 THEN {ProvinceSql.H("i", 35, 2)} ELSE 30 + {ProvinceSql.H("i", 35, 5)} END AS u
                    FROM (
                        SELECT i, {ProvinceSql.H("i", 31, d)} AS dist, {ProvinceSql.H("i", 32, _items)} AS item, {ProvinceSql.H("i", 37, 100)} AS sp,
                               {ProvinceSql.NextWork($"CASE WHEN i < {n} THEN {TodayNo - 42} + {ProvinceSql.H("i", 36, 41)} ELSE {ProvinceSql.H("i", 33, TodayNo - 60)} END")} AS rw
                        FROM s) a0) a) x
            JOIN bench_districts bd ON bd.idx = dist JOIN bench_items bi ON bi.idx = item JOIN permit_items pi ON pi.code = bi.code
            """;
    }

    private string DrawsSql() => $"""
        {g.Series((long)Districts * DrawsPerDistrict)}
        INSERT INTO random_draws (id, jurisdiction, name, requested, seed, pool, officers, drawn_at, drawn_by, drawn_by_name, published_at, version)
        SELECT {g.Id(6, "i")}, bd.code, '双随机抽查 第' || {g.Text($"i % {DrawsPerDistrict} + 1")} || '批', 10, i, '[]', '[]',
               {g.At($"(i % {DrawsPerDistrict}) * 28 + 3", "600")}, 'supervisor-' || bd.code, '科长', {g.At($"(i % {DrawsPerDistrict}) * 28 + 3", "660")}, 2
        FROM s JOIN bench_districts bd ON bd.idx = i / {DrawsPerDistrict}
        """;

    private string OfficeSql() => $"""
        {g.Series((long)Districts * OfficeRecordsPerDistrict)}
        INSERT INTO office_trainings (id, jurisdiction, held_on, subject, venue_types, attendees, place, created_at, created_by)
        SELECT {g.Id(7, "i")}, bd.code, {g.Day($"{ProvinceSql.H("i", 41, TodayNo)}")}, '经营业主法律法规培训', 'internetCafe', 20 + i % 30, '区文化馆',
               {g.At($"{ProvinceSql.H("i", 41, TodayNo)}", "700")}, 'officer-' || bd.code || '-0'
        FROM s JOIN bench_districts bd ON bd.idx = i / {OfficeRecordsPerDistrict};
        {g.Series((long)Districts * OfficeRecordsPerDistrict)}
        INSERT INTO office_publicity (id, jurisdiction, held_on, subject, place, form, created_at, created_by)
        SELECT {g.Id(8, "i")}, bd.code, {g.Day($"{ProvinceSql.H("i", 42, TodayNo)}")}, '扫黄打非进社区', '社区广场', '现场宣传',
               {g.At($"{ProvinceSql.H("i", 42, TodayNo)}", "700")}, 'officer-' || bd.code || '-0'
        FROM s JOIN bench_districts bd ON bd.idx = i / {OfficeRecordsPerDistrict};
        {g.Series((long)Districts * OfficeRecordsPerDistrict)}
        INSERT INTO office_seizures (id, jurisdiction, seized_on, action, item, quantity, unit, created_at, created_by)
        SELECT {g.Id(9, "i")}, bd.code, {g.Day($"{ProvinceSql.H("i", 43, TodayNo)}")}, CASE WHEN i % 2 = 0 THEN 'confiscated' ELSE 'withheld' END,
               '非法出版物', 1 + i % 50, '册', {g.At($"{ProvinceSql.H("i", 43, TodayNo)}", "700")}, 'officer-' || bd.code || '-0'
        FROM s JOIN bench_districts bd ON bd.idx = i / {OfficeRecordsPerDistrict}
        """;

    // ---------------------------------------------------------------- stored facts of later migrations

    /// <summary>The figures' stored facts (migration 0025), where the tables have them: what the commands store when they happen.</summary>
    private async Task<long> FactsAsync(DbConnectionFactory factory, DbConnection c, bool missingOnly = false)
    {
        var rows = 0L;
        if (await HasColumnAsync(c, "cases", "decided_on_time"))
        {
            // Closing and withdrawing dates in local time; a decision on time when on or before the 90th day (rolled
            // forward off a rest day); no case of the generator is suspended or extended.
            rows += await c.ExecuteAsync(new CommandDefinition($"""
                UPDATE cases SET closed_on = CASE WHEN closed_at IS NOT NULL THEN {g.LocalDate("closed_at")} END,
                                 withdrawn_on = CASE WHEN withdrawn_at IS NOT NULL THEN {g.LocalDate("withdrawn_at")} END,
                                 decided_on_time = CASE WHEN decided_on IS NOT NULL THEN {g.Bool(DecidedOnTime("cases"))} END
                WHERE (closed_at IS NOT NULL OR withdrawn_at IS NOT NULL OR decided_on IS NOT NULL)
                  {(missingOnly ? "AND closed_on IS NULL AND withdrawn_on IS NULL AND decided_on_time IS NULL" : "")}
                """, commandTimeout: 3600));
        }
        if (await HasColumnAsync(c, "cases", "venue_type"))
        {
            // The venue's type kept with the case (migration 0032), as OpenLead writes it.
            rows += await c.ExecuteAsync(new CommandDefinition("""
                UPDATE cases SET venue_type = (SELECT v.venue_type FROM venues v WHERE v.id = cases.venue_id)
                WHERE venue_id IS NOT NULL AND venue_type IS NULL
                """, commandTimeout: 3600));
        }
        if (await HasColumnAsync(c, "permit_applications", "completed_on_time"))
        {
            rows += await c.ExecuteAsync(new CommandDefinition($"""
                UPDATE permit_applications SET used_days = {UsedDays("permit_applications")},
                       completed_on_time = {g.Bool($"{UsedDays("permit_applications")} <= promised_limit_days")}
                WHERE completed_on IS NOT NULL {(missingOnly ? "AND completed_on_time IS NULL" : "")}
                """, commandTimeout: 3600));
        }
        if ((!missingOnly || rows > 0) && await HasColumnAsync(c, "case_figure_days", "ended"))
        {
            // The closure rate's day rows (migration 0034) as the commands keep them: counted afresh from the cases.
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM case_figure_days", commandTimeout: 3600));
            rows += await c.ExecuteAsync(new CommandDefinition(
                CaseFigureDays.Table.Refill.For(g.Postgres ? DbProvider.Postgres : DbProvider.Sqlite), CaseFigureDays.Table.FreshParameters, commandTimeout: 3600));
        }
        if ((!missingOnly || rows > 0) && await HasColumnAsync(c, "permit_figure_days", "kind"))
        {
            // The window's day rows (migration 0036) as the steps keep them.
            await using var db = new DbSession(factory);
            rows += await PermitFigureDays.Table.RebuildAsync(db, CancellationToken.None);
        }
        return rows;
    }

    private string DayNo(string date) => g.Postgres ? $"({date} - DATE '2025-01-01')" : $"CAST(julianday({date}) - julianday('2025-01-01') AS INTEGER)";

    /// <summary>The case's decision came on or before its 90-day limit's last day (rolled forward off a rest day).</summary>
    public string DecidedOnTime(string alias) => $"{DayNo($"{alias}.decided_on")} <= {ProvinceSql.NextWork($"{DayNo($"{alias}.filed_on")} + {alias}.decision_limit_days")}";

    /// <summary>Working days from acceptance to completion: what the promised clock had used when the application was completed.</summary>
    public string UsedDays(string alias) => $"({ProvinceSql.WorkIndex(DayNo($"{alias}.completed_on"))} - {ProvinceSql.WorkIndex(DayNo($"{alias}.accepted_on"))})";

    private async Task<bool> HasColumnAsync(DbConnection c, string table, string column) => g.Postgres
        ? await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table AND column_name = @column", new { table, column }) > 0
        : await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = @column", new { column }) > 0;

    // ---------------------------------------------------------------- stored clocks and alerts

    /// <summary>Every deadline source's open clocks, district by district, computed as the commands store them, bulk-written.</summary>
    private async Task<long> ClocksAsync(DbConnectionFactory factory, DbConnection writer, Func<DbConnection, IEnumerable<ClockRows.Row>, Task> write)
    {
        var options = new ClockOptions();
        var calendars = new CalendarStore(options);
        ClockEvaluator evaluator;
        await using (var db = new DbSession(factory)) evaluator = await calendars.EvaluatorAsync(db, CancellationToken.None);
        var sources = typeof(IDeadlineSource).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IDeadlineSource).IsAssignableFrom(t))
            .Select(t => (IDeadlineSource)Activator.CreateInstance(t)!).ToList();
        var written = 0L;
        for (var district = 0; district < Districts; district++)
        {
            var rows = new List<ClockRows.Row>();
            await using (var db = new DbSession(factory))
                foreach (var source in sources)
                    foreach (var open in await source.OpenClocksAsync(db, Jurisdiction.Range(DistrictCode(district)), CancellationToken.None))
                        if (ClockRows.Compute(evaluator, open, source, options.DueSoonFor(source.ClockType), Now) is { } row)
                            rows.Add(row);
            await write(writer, rows);
            written += rows.Count;
        }
        return written;
    }

    /// <summary>
    /// The alerts the deadline scan would have raised by today: due soon for every clock past its due-soon day, overdue for
    /// every clock past its due date; each clock's next alert day moved on as the scan moves it.
    /// </summary>
    private async Task<long> AlertsAsync(DbConnection c)
    {
        var today = g.Postgres ? "DATE '2026-11-18'" : "'2026-11-18'";
        var now = g.Postgres ? "TIMESTAMPTZ '2026-11-18 02:00:00+00'" : "'2026-11-18T02:00:00.0000000Z'";
        var id = g.Postgres ? "gen_random_uuid()" : "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
        var rows = 0L;
        // Planned on an empty alerts table, PostgreSQL probed it by a nested loop whose scan read every row the statement
        // had inserted so far: quadratic (over 30 minutes at a million). A hash anti-join reads it once.
        if (g.Postgres) await c.ExecuteAsync("SET enable_nestloop = off");
        foreach (var (kind, condition) in new[] { ("dueSoon", $"c.due_soon_on <= {today}"), ("overdue", $"c.due_on < {today}") })
        {
            rows += await c.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO alerts (id, subject_type, subject_id, jurisdiction, kind, due_date, title, message, responsible_user_id, raised_at, version)
                SELECT {id}, c.subject_type, c.subject_id, c.jurisdiction, '{kind}', c.due_on, c.title,
                       '应于 ' || {g.Text("c.due_on")} || ' 前完成', c.responsible_user_id, {now}, 1
                FROM deadline_clocks c
                WHERE c.alert_on IS NOT NULL AND c.due_on IS NOT NULL AND {condition}
                  AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.subject_type = c.subject_type AND a.subject_id = c.subject_id AND a.kind = '{kind}' AND a.due_date = c.due_on)
                """, commandTimeout: 3600));
            // The second statement is planned on the alerts the first one wrote.
            await c.ExecuteAsync(new CommandDefinition("ANALYZE alerts", commandTimeout: 3600));
        }
        if (g.Postgres) await c.ExecuteAsync("RESET enable_nestloop");
        await c.ExecuteAsync(new CommandDefinition($"""
            UPDATE deadline_clocks SET alert_on = CASE WHEN due_on < {today} THEN NULL ELSE overdue_on END
            WHERE alert_on IS NOT NULL AND alert_on <= {today}
            """, commandTimeout: 3600));
        return rows;
    }
}
