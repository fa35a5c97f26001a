using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;

namespace Inspections.Api.Tests.Demo;

/// <summary>
/// The `demo` command as people run it: the host's own binary, in its own process, against a fresh
/// database, relative to today. Everything it loaded is then read back through the API, as the
/// district's supervisor reads it, on the real clock: every venue type, inspection kind and outcome,
/// case stage, open work due soon and overdue, applications across a holiday, a half-year summary with
/// figures. A second run refuses and changes nothing.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
[NonParallelizable]
public sealed class DemoDataTests(string provider)
{
    private TestDatabase? _database;
    private ApiFactory? _api;
    private (int Exit, string Output, TimeSpan Took) _load;

    private ApiFactory Api => _api ?? throw new InvalidOperationException("Fixture not set up.");

    [OneTimeSetUp]
    public async Task LoadTheDemo()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _api = new ApiFactory(_database.Options);
        _load = await RunDemoAsync();
        TestContext.Out.WriteLine($"demo ({provider}) took {_load.Took.TotalSeconds:0.0} s:\n{_load.Output}");
        Assert.That(_load.Exit, Is.EqualTo(0), _load.Output);
        _ = Api.Server;
    }

    [OneTimeTearDown]
    public async Task Drop()
    {
        if (_api is not null) await _api.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>Runs `Inspections.Api demo` (the built host beside the tests), by default on this fixture's database and evidence folder.</summary>
    private Task<(int Exit, string Output, TimeSpan Took)> RunDemoAsync(Dictionary<string, string>? environment = null, params string[] args) =>
        DemoRun.RunAsync(_database!.Options, Api.EvidenceRoot, environment, args);

    private HttpClient Supervisor => Api.Client("supervisor");

    private async Task<JsonElement[]> Items(string url) =>
        (await (await Supervisor.GetAsync(url)).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    /// <summary>
    /// The current half-year; on its first two days (nothing has happened in it yet, in the demo as in an
    /// office) the one before.
    /// </summary>
    private static DateOnly HalfStart => new DateOnly(Today.Year, Today.Month >= 7 ? 7 : 1, 1) is var start && Today < start.AddDays(2)
        ? start.AddMonths(-6)
        : start;

    [Test]
    public void The_load_prints_each_demo_user_and_the_password_once()
    {
        foreach (var login in Logins)
            Assert.That(Occurrences(_load.Output, $" {login} "), Is.EqualTo(1), login);
        Assert.That(_load.Output, Does.Contain("Demo@510115"));
        Assert.That(_load.Output, Does.Contain("510100").And.Contain("510115001"), "a city supervisor and a town station's officer");
    }

    private static readonly string[] Logins =
        ["zhangwei", "lina", "wangqiang", "zhaolei", "wangfang", "zhoujie", "liuyang", "chenjing", "huangmin", "sunli", "xuming", "tangjie"];

    private async Task<HttpClient> SignedIn(string login)
    {
        var answer = await (await Api.CreateClient().PostJson("/api/account/sign-in", new { loginName = login, password = "Demo@510115" }))
            .Expect(HttpStatusCode.OK);
        Assert.That(answer.GetProperty("mustChangePassword").GetBoolean(), Is.False, $"{login} set the demo password at the first sign-in");
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", answer.Str("token"));
        return client;
    }

    [Test]
    public async Task Every_demo_user_signs_in_with_the_demo_password_and_works_in_their_place()
    {
        foreach (var login in Logins)
        {
            var me = await (await (await SignedIn(login)).GetAsync("/api/account/me")).Expect(HttpStatusCode.OK);
            Assert.That(me.GetRawText(), Does.Contain(login));
        }

        var officer = await SignedIn("zhangwei");
        Assert.That((await (await officer.GetAsync("/api/inspections?officer=zhangwei&limit=5")).Expect(HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength(), Is.EqualTo(5), "张伟 took part in inspections");

        var station = await SignedIn("xuming");
        var street = (await (await station.GetAsync("/api/venues?limit=100")).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        Assert.That(street, Is.Not.Empty);
        Assert.That(street.Select(v => v.Str("jurisdiction")), Is.All.EqualTo("510115001"), "a station sees its own street's venues");
        Assert.That((await (await station.GetAsync("/api/inspections?officer=xuming&limit=1")).Expect(HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength(), Is.EqualTo(1), "the station checks its street");

        var city = await SignedIn("huangmin");
        var to = HalfStart.AddMonths(6).AddDays(-1);
        var summary = await (await city.GetAsync($"/api/reports/work-summary?from={HalfStart:yyyy-MM-dd}&to={to:yyyy-MM-dd}")).Expect(HttpStatusCode.OK);
        Assert.That(summary.GetProperty("inspections").GetProperty("total").GetInt32(), Is.GreaterThan(0), "the city reads its district's work");
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [TestCase("internetCafe")]
    [TestCase("songAndDance")]
    [TestCase("gameArcade")]
    [TestCase("bookshop")]
    [TestCase("audioVideoRetail")]
    [TestCase("printShop")]
    [TestCase("performanceVenue")]
    public async Task Every_venue_type_is_on_the_register(string type) =>
        Assert.That(await Items($"/api/venues?type={type}&limit=5"), Has.Length.EqualTo(5));

    [Test]
    public async Task Some_venues_are_unlicensed_and_some_suspended_revoked_or_closed()
    {
        Assert.That(await Items("/api/venues?licenseStatus=unlicensed&limit=50"), Has.Length.InRange(5, 20));
        foreach (var status in new[] { "suspended", "revoked", "closed" })
            Assert.That(await Items($"/api/venues?licenseStatus={status}&limit=1"), Is.Not.Empty, status);
    }

    [TestCase("routine")]
    [TestCase("campaign")]
    [TestCase("joint")]
    [TestCase("complaint")]
    [TestCase("random")]
    public async Task Inspections_of_every_kind(string kind) =>
        Assert.That(await Items($"/api/inspections?kind={kind}&limit=3"), Has.Length.EqualTo(3));

    [TestCase("compliant")]
    [TestCase("correctedOnSpot")]
    [TestCase("rectificationNotice")]
    [TestCase("caseLead")]
    [TestCase("referral")]
    public async Task Inspections_of_every_outcome(string outcome) =>
        Assert.That(await Items($"/api/inspections?outcome={outcome}&limit=3"), Has.Length.EqualTo(3));

    [Test]
    public async Task Violations_carry_photos_that_are_real_pictures()
    {
        var found = await Items("/api/inspections?outcome=rectificationNotice&limit=5");
        var inspection = await (await Supervisor.GetAsync($"/api/inspections/{found[0].Str("id")}")).Expect(HttpStatusCode.OK);
        var evidence = inspection.GetProperty("evidence").EnumerateArray().ToArray();
        Assert.That(evidence.Select(e => e.Str("contentType")), Does.Contain("image/jpeg").And.Contain("image/png"));
        var photo = evidence.First(e => e.Str("contentType") == "image/jpeg");
        using var download = await Supervisor.GetAsync($"/api/inspections/{found[0].Str("id")}/evidence/{photo.Str("id")}");
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xFF, 0xD8, 0xFF }), "a JPEG starts with SOI");
        Assert.That(bytes.TakeLast(2), Is.EqualTo(new byte[] { 0xFF, 0xD9 }), "and ends with EOI");
        Assert.That(inspection.Str("recordedBy"), Does.Match("^[a-z]+$"), "recorded by a demo officer's login name");
    }

    [Test]
    public async Task Rectification_notices_were_followed_up_and_some_are_open()
    {
        var notices = await Items("/api/inspections?outcome=rectificationNotice&limit=100");
        var details = await Task.WhenAll(notices.Select(async n =>
            await (await Supervisor.GetAsync($"/api/inspections/{n.Str("id")}")).Expect(HttpStatusCode.OK)));
        Assert.That(details.Count(d => d.GetProperty("rectificationCheckedOn").ValueKind != JsonValueKind.Null), Is.GreaterThan(5), "checked");
        Assert.That(details.Count(d => d.GetProperty("rectificationCheckedOn").ValueKind == JsonValueKind.Null), Is.GreaterThan(0), "still open");
    }

    [TestCase("lead")]
    [TestCase("notFiled")]
    [TestCase("filed")]
    [TestCase("investigation")]
    [TestCase("legalReview")]
    [TestCase("priorNotice")]
    [TestCase("hearing")]
    [TestCase("decided")]
    [TestCase("noPenalty")]
    [TestCase("served")]
    [TestCase("executed")]
    [TestCase("closed")]
    [TestCase("archived")]
    [TestCase("withdrawn")]
    public async Task Cases_stand_at_every_stage(string stage) =>
        Assert.That(await Items($"/api/cases?stage={stage}&limit=1"), Is.Not.Empty);

    [Test]
    public async Task Overdue_and_due_soon_work_raises_alerts()
    {
        Assert.That(await Items("/api/alerts?kind=overdue&subjectType=case&limit=50"), Is.Not.Empty, "an overdue case");
        Assert.That(await Items("/api/alerts?kind=overdue&subjectType=permit&limit=50"), Is.Not.Empty, "an overdue application");
        Assert.That(await Items("/api/alerts?kind=dueSoon&limit=50"), Is.Not.Empty, "something due soon");
        Assert.That(await Items("/api/alerts?kind=overdue&subjectType=notice&limit=50"), Is.Not.Empty, "a notice nobody checked");
    }

    [Test]
    public async Task The_window_queue_has_work_due_soon_and_overdue()
    {
        var queue = (await (await Supervisor.GetAsync("/api/permits/queue?limit=200")).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        var statuses = queue.Where(e => e.GetProperty("clock").ValueKind == JsonValueKind.Object)
            .Select(e => e.GetProperty("clock").Str("status")).ToArray();
        Assert.That(statuses, Does.Contain("overdue").And.Contain("dueSoon").And.Contain("suspended"));
        Assert.That(queue.Select(e => e.Str("stage")), Does.Contain("received").And.Contain("correctionRequested").And.Contain("approved"));
        Assert.That(queue.Any(e => e.GetProperty("acceptedDeemed").GetBoolean()), "an application accepted by law after the correction window");
    }

    [Test]
    public async Task Applications_ran_across_a_holiday()
    {
        var records = (await (await Supervisor.GetAsync("/api/permits/accountability")).Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();
        Assert.That(records, Is.Not.Empty, "an application finished late is held to account");
        var permits = await Task.WhenAll(records.Select(async r =>
            await (await Supervisor.GetAsync($"/api/permits/{r.Str("applicationId")}")).Expect(HttpStatusCode.OK)));
        var acrossHoliday = permits.Where(p => p.GetProperty("clocks").GetProperty("promised").Str("explanation").Contains("假期顺延")).ToArray();
        Assert.That(acrossHoliday, Is.Not.Empty, string.Join("\n", permits.Select(p => p.GetProperty("clocks").GetProperty("promised").Str("explanation"))));
        Assert.That(acrossHoliday[0].Str("stage"), Is.EqualTo("completed"));
    }

    [Test]
    public async Task Campaigns_and_draws_are_there()
    {
        var unlicensed = (await (await Supervisor.GetAsync("/api/unlicensed-campaigns")).Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();
        Assert.That(unlicensed, Has.Length.EqualTo(1));
        var progress = await (await Supervisor.GetAsync($"/api/unlicensed-campaigns/{unlicensed[0].Str("id")}/progress")).Expect(HttpStatusCode.OK);
        Assert.That(progress.GetProperty("venuesFound").GetInt64(), Is.EqualTo(10));
        Assert.That(DateOnly.Parse(unlicensed[0].Str("endsOn"), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(Today), "still running");
        var special = (await (await Supervisor.GetAsync("/api/campaigns")).Expect(HttpStatusCode.OK)).EnumerateArray().ToArray();
        Assert.That(special, Is.Not.Empty);
        var random = await Items("/api/inspections?kind=random&limit=1");
        var inspection = await (await Supervisor.GetAsync($"/api/inspections/{random[0].Str("id")}")).Expect(HttpStatusCode.OK);
        var draw = await (await Supervisor.GetAsync($"/api/draws/{inspection.Str("drawId")}")).Expect(HttpStatusCode.OK);
        Assert.That(draw.GetProperty("assignments").GetArrayLength(), Is.EqualTo(10));
    }

    [Test]
    public async Task The_current_half_year_summary_has_figures()
    {
        var to = HalfStart.AddMonths(6).AddDays(-1);
        var report = await (await Supervisor.GetAsync($"/api/reports/work-summary?from={HalfStart:yyyy-MM-dd}&to={to:yyyy-MM-dd}"))
            .Expect(HttpStatusCode.OK);
        TestContext.Out.WriteLine(report.Str("paragraph"));
        Assert.That(report.GetProperty("inspections").GetProperty("total").GetInt32(), Is.GreaterThan(0));
        Assert.That(report.GetProperty("cases").GetProperty("filed").GetInt32(), Is.GreaterThan(0));
        Assert.That(report.GetProperty("permitsAccepted").GetInt32(), Is.GreaterThan(0));
        Assert.That(report.Str("paragraph"), Does.StartWith($"{HalfStart:yyyy年M月d日}").And.Contain("共开展检查").And.Contain("办证大厅受理"));
    }

    [Test, Order(int.MaxValue)]
    public async Task Loading_it_again_says_so_and_changes_nothing()
    {
        var venues = await Api.CountAsync("venues");
        var audit = await Api.CountAsync("audit_entries");
        var again = await RunDemoAsync();
        Assert.That(again.Exit, Is.EqualTo(0), again.Output);
        Assert.That(again.Output, Does.Contain("演示数据已加载"));
        Assert.That(again.Output, Does.Not.Contain("Demo@510115"), "the password is shown only when the data is loaded");
        Assert.That(await Api.CountAsync("venues"), Is.EqualTo(venues));
        Assert.That(await Api.CountAsync("audit_entries"), Is.EqualTo(audit));
    }

    [Test]
    public async Task A_database_with_other_data_is_refused()
    {
        await using var other = await TestDatabase.CreateAsync(provider);
        await using (var host = new ApiFactory(other.Options))
        {
            var officer = host.Client("officer");
            await (await officer.PostJson("/api/venues", new { name = "星空网吧", address = "温江区柳城大道 88 号", type = "bookshop", licenseStatus = "unlicensed" }))
                .Expect(HttpStatusCode.Created);
        }
        var refused = await RunDemoAsync(new() { ["Database__ConnectionString"] = other.Options.ConnectionString! });
        Assert.That(refused.Exit, Is.EqualTo(1), refused.Output);
        Assert.That(refused.Output, Does.Contain("已有业务数据"));
        await using var check = new ApiFactory(other.Options);
        Assert.That(await check.CountAsync("venues"), Is.EqualTo(1));
    }

    [Test]
    public async Task Production_is_refused_without_the_explicit_flag()
    {
        var refused = await RunDemoAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Auth__Authority"] = "https://login.example.invalid" });
        Assert.That(refused.Exit, Is.EqualTo(2), refused.Output);
        Assert.That(refused.Output, Does.Contain("生产环境").And.Contain("--allow-production"));
    }

    [Test]
    public async Task Reset_deletes_nothing_in_production_nor_outside_sqlite()
    {
        var production = await RunDemoAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Auth__Authority"] = "https://login.example.invalid" }, "--reset");
        Assert.That(production.Exit, Is.EqualTo(2), production.Output);
        if (provider != "sqlite")
        {
            var reset = await RunDemoAsync(null, "--reset");
            Assert.That(reset.Exit, Is.EqualTo(2), reset.Output);
            Assert.That(reset.Output, Does.Contain("--reset 只用于 SQLite"));
        }
        Assert.That(await Api.CountAsync("venues"), Is.GreaterThan(150), "nothing was deleted");
    }

    [Test]
    public async Task The_last_half_years_report_reads_like_the_offices_own()
    {
        var current = new DateOnly(Today.Year, Today.Month >= 7 ? 7 : 1, 1);
        var last = current.AddMonths(-6);
        var report = await (await Supervisor.GetAsync($"/api/reports/half-year?year={last.Year}&half={(last.Month == 1 ? 1 : 2)}")).Expect(HttpStatusCode.OK);
        var text = string.Join("\n", report.GetProperty("sections").EnumerateArray().SelectMany(s =>
            s.GetProperty("paragraphs").EnumerateArray().Concat(s.GetProperty("parts").EnumerateArray().SelectMany(p => p.GetProperty("paragraphs").EnumerateArray()))
                .Select(p => p.GetString())));
        TestContext.Out.WriteLine(text);
        Assert.Multiple(() =>
        {
            Assert.That(report.Str("title"), Does.StartWith("温江区文化市场综合执法大队"));
            Assert.That(text, Does.Contain("开展文化市场经营业主法律法规培训5次"));
            Assert.That(text, Does.Contain("组织举办文化市场法律法规宣传5次"));
            Assert.That(text, Does.Contain("回复区长信箱1件；回复群众信访函2件"));
            Assert.That(text, Does.Contain("收缴电脑12台"));
            Assert.That(text, Does.Contain("办结行政违规案件"));
            Assert.That(text, Does.Contain("办证大厅受理"));
        });
    }
}
