using System.Diagnostics;
using System.Globalization;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Reports;
using Inspections.Domain.Calendar;
using Microsoft.Data.Sqlite;

namespace Inspections.Api.Demo;

/// <summary>
/// `demo`: migrates the database, then loads a realistic district (温江区 510115) for the previous and
/// the current half-year, relative to today, by sending the same mediator requests the API sends, as
/// the people who would send them, on the days they would. Prints the demo users and their password
/// once. Loaded twice, it says so and does nothing; it refuses a database holding other data (`--reset`
/// starts a SQLite file afresh), and a Production host unless `--allow-production` says so.
/// </summary>
public static class DemoCommand
{
    private const string Usage = "用法 usage: demo [--reset] [--allow-production] [--as-of yyyy-MM-dd]";

    public static async Task<int> RunAsync(WebApplicationBuilder builder, DatabaseOptions database, string[] args)
    {
        var reset = args.Contains("--reset");
        // Anything else starting with "--" is configuration (--Database:ConnectionString=…), which the host reads itself.
        if (args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('=') && !a.Contains(':') && a is not ("--reset" or "--allow-production" or "--as-of")))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var asOfAt = Array.IndexOf(args, "--as-of");
        DateOnly? asOf = null;
        if (asOfAt >= 0)
        {
            if (asOfAt + 1 >= args.Length || !DateOnly.TryParseExact(args[asOfAt + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
            asOf = parsed;
        }
        if (builder.Environment.IsProduction() && !args.Contains("--allow-production"))
        {
            Console.Error.WriteLine("""
                这是生产环境：演示数据会与真实执法数据混在一起，不予加载。确需加载（例如演示用的独立服务器），请加 --allow-production。
                Refusing to load demo data in Production; add --allow-production if this server is a demo server.
                """);
            return 2;
        }
        if (reset && database.ParsedProvider != DbProvider.Sqlite)
        {
            Console.Error.WriteLine("""
                --reset 只用于 SQLite 文件。PostgreSQL / SQL Server 请新建一个空数据库再加载演示数据。
                --reset only starts a SQLite file afresh; for PostgreSQL or SQL Server, create an empty database.
                """);
            return 2;
        }

        // Messages of the rules (a refused step) read in Chinese, as users read them.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("zh-CN");
        var stopwatch = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow();
        var clockOptions = builder.Configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, clockOptions.Zone).DateTime);
        if (asOf is { } day)
        {
            // The story ends that evening (for reproducible screenshots and trying other seasons); the API still runs on the real clock.
            if (day > today)
            {
                Console.Error.WriteLine("--as-of 不能晚于今天。 --as-of cannot be after today.");
                return 2;
            }
            var evening = day.ToDateTime(new TimeOnly(18, 0));
            now = day == today ? now : new DateTimeOffset(evening, clockOptions.Zone.GetUtcOffset(evening));
            today = day;
        }
        var halfStart = new DateOnly(today.Year, today.Month >= 7 ? 7 : 1, 1);
        // The system was set up before the story starts: the seeds carry that date.
        var setUp = halfStart.AddMonths(-7).ToDateTime(new TimeOnly(9, 0));
        var clock = new DemoClock(new DateTimeOffset(setUp, clockOptions.Zone.GetUtcOffset(setUp)));

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Hangfire:Server"] = "false",
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddScoped<DemoActor>();
        builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<DemoActor>().User);

        if (reset) Reset(database);
        Migrator.Migrate(database, new DbUp.Engine.Output.NoOpUpgradeLog());
        var factory = new DbConnectionFactory(database);
        switch (await ExistingDataAsync(factory))
        {
            case Existing.Demo:
                // Nothing to do, and nothing wrong: running it twice leaves the district as it was.
                Console.WriteLine("演示数据已加载，不再重复加载（SQLite 可加 --reset 重新加载）。 Demo data is already loaded; nothing done (--reset reloads a SQLite file).");
                return 0;
            case Existing.Other:
                Console.Error.WriteLine("数据库中已有业务数据，演示数据只加载到空数据库。 The database already holds data; demo data goes into an empty database only.");
                return 1;
        }
        var seedPath = builder.Configuration["Database:SeedPath"] is { Length: > 0 } p ? p : SeedFiles.DefaultRoot;
        await Seeder.RunAsync(factory, new SeedFiles(seedPath), clock);

        await using var app = builder.Build();
        var send = new DemoSender(app.Services);
        ClockEvaluator evaluator;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            evaluator = await scope.ServiceProvider.GetRequiredService<CalendarStore>()
                .EvaluatorAsync(scope.ServiceProvider.GetRequiredService<DbSession>(), CancellationToken.None);
        }
        var timeline = new DemoTimeline(clock, now.AddMinutes(-1));
        var calendar = new DemoCalendar(evaluator.Calendar, evaluator.TimeZone);
        var story = await DemoStory.PrepareAsync(send, timeline, calendar);
        var missing = evaluator.Calendar.MissingYears(story.PreviousStart.AddDays(-30).Year, story.Today.Year);

        Console.WriteLine($"正在加载演示数据：温江区（{DemoDistrict.Code}），{story.PreviousStart:yyyy-MM-dd} 至 {story.Today:yyyy-MM-dd} …");
        try
        {
            timeline.At(clock.Now, "用户账户", () => DemoUsers.CreateAsync(send, timeline));
            story.Plan();
            await timeline.RunAsync(CancellationToken.None);
        }
        catch (DemoStepFailed e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(database.ParsedProvider == DbProvider.Sqlite
                ? "加载未完成。修正后可用 --reset 重新加载。 The load stopped; run again with --reset."
                : "加载未完成，请换一个空数据库重新加载。 The load stopped; load again into an empty database.");
            return 1;
        }

        clock.Now = now;
        var summary = await send.Ask(DemoPeople.LiuYang, new WorkSummary.Query(story.CurrentStart, story.CurrentStart.AddMonths(6).AddDays(-1), null));
        stopwatch.Stop();
        Print(story, send, summary, stopwatch.Elapsed, missing);
        return 0;
    }

    private static void Reset(DatabaseOptions database)
    {
        var file = new SqliteConnectionStringBuilder(database.EffectiveConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            if (File.Exists(path)) File.Delete(path);
        Console.WriteLine($"已删除 {file}，重新建库。 Deleted {file}; starting afresh.");
    }

    private enum Existing { None, Demo, Other }

    /// <summary>Whether the database is empty (no venues, no users), holds the demo already (its officers' audit trail), or holds other data.</summary>
    private static async Task<Existing> ExistingDataAsync(DbConnectionFactory factory)
    {
        var db = new DbSession(factory);
        await using (db)
        {
            var venues = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM venues"), null, CancellationToken.None);
            var users = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM users"), null, CancellationToken.None);
            if (venues == 0 && users == 0) return Existing.None;
            var demo = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM audit_entries WHERE user_id = @Id"),
                new { DemoPeople.ZhangWei.Id }, CancellationToken.None);
            return demo > 0 ? Existing.Demo : Existing.Other;
        }
    }

    private static void Print(DemoStory story, DemoSender send, WorkSummary.Report summary, TimeSpan elapsed,
        IReadOnlyList<int> missingYears)
    {
        string N(string command) => send.Count(command).ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"""
            演示数据已加载：温江区（{DemoDistrict.Code}），{story.PreviousStart:yyyy-MM-dd} 至 {story.Today:yyyy-MM-dd}。
              场所 {send.Count("RegisterVenue") + send.Count("SurveyVenue")} 家 · 检查 {N("RecordInspection")} 次 · 现场照片与文书 {N("UploadEvidence")} 份 · 案件 {N("OpenLead")} 起 · 许可申请 {N("ReceivePermit")} 件 · 专项行动 {N("CreateSpecialCampaign")} 个 · 双随机抽查 {N("DrawVenues")} 次 · 无证无照整治行动 {N("CreateUnlicensedCampaign")} 个
              {send.Commands} 个请求，用时 {elapsed.TotalSeconds:0.0} 秒。
            """);
        if (missingYears.Count > 0)
            Console.WriteLine($"  注意：工作日历缺少 {string.Join("、", missingYears)} 年，相关期限按仅周末休息计算并标注“日历缺失”；请管理员录入。");
        Console.WriteLine();
        Console.WriteLine("演示用户（密码只显示这一次，请记下）：");
        Console.WriteLine("  " + Pad("角色", 16) + Pad("姓名", 6) + Pad("登录名", 12) + Pad("密码", 14) + "辖区");
        foreach (var user in DemoPeople.All)
            Console.WriteLine("  " + Pad(user.RoleName, 16) + Pad(user.Name, 6) + Pad(user.Id, 12) + Pad(DemoUser.Password, 14)
                + $"{user.Jurisdiction} {user.Title}");
        Console.WriteLine();
        Console.WriteLine("启动：dotnet run --project src/Inspections.Api ，在 http://localhost:5080/ 用上面的登录名和密码登录。");
        Console.WriteLine();
        Console.WriteLine($"本半年工作总结（自动生成，GET /api/reports/work-summary?from={summary.From:yyyy-MM-dd}&to={summary.To:yyyy-MM-dd}）：");
        Console.WriteLine("  " + summary.Paragraph);
    }

    /// <summary>Pads to a width in terminal columns, a Chinese character taking two.</summary>
    private static string Pad(string text, int columns)
    {
        var width = text.Sum(c => c > 0x2E80 ? 2 : 1);
        return text + new string(' ', Math.Max(1, columns - width));
    }
}
