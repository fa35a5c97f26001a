using System.Net;
using Hangfire;
using Hangfire.Storage;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests;

/// <summary>A fixed set of open clocks standing in for a feature's open work.</summary>
internal sealed class FixedDeadlineSource : IDeadlineSource
{
    public static readonly Guid Overdue = Guid.Parse("00000000-0000-7000-8000-000000000001");
    public static readonly Guid DueSoon = Guid.Parse("00000000-0000-7000-8000-000000000002");
    public static readonly Guid Running = Guid.Parse("00000000-0000-7000-8000-000000000003");
    public static readonly Guid OverdueElsewhere = Guid.Parse("00000000-0000-7000-8000-000000000004");

    public string ClockType => "permit";

    private static OpenClock Clock(Guid id, string jurisdiction, DateOnly start, int limit) => new(
        "testwork", id, jurisdiction, $"测试事项 {id.ToString()[^1]}",
        new DeadlineClock(new ClockSubject("testwork", id.ToString()), ClockKind.WorkingDays, start, limit),
        ClockWording.PermitPromised, "clerk-510115");

    public Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OpenClock>>(new[]
        {
            Clock(Overdue, "510115", new DateOnly(2026, 2, 12), 5),          // due 2-26: overdue on 3-2
            Clock(DueSoon, "510115", new DateOnly(2026, 2, 27), 3),          // 2-28 make-up Sat, 3-2, 3-3: due 3-3
            Clock(Running, "510115", new DateOnly(2026, 3, 2), 10),
            Clock(OverdueElsewhere, "510104", new DateOnly(2026, 2, 12), 5),
        }.Where(c => string.CompareOrdinal(c.Jurisdiction, scope.First) >= 0 && string.CompareOrdinal(c.Jurisdiction, scope.Last) <= 0).ToList());
}

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class AlertTests(string provider) : ApiFixture(provider)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Monday));
        services.AddSingleton<IDeadlineSource, FixedDeadlineSource>();
    }

    /// <summary>The district's supervisor 科长 and the city's (the leadership 上级领导 of the district).</summary>
    protected override IEnumerable<TestUser> FixtureUsers =>
    [
        new("supervisor-510115", "刘科长", ["supervisor"], "510115"),
        new("supervisor-510100", "黄领导", ["supervisor"], "510100"),
    ];

    [Test, Order(1)]
    public async Task Overdue_work_raises_one_alert_even_when_two_servers_scan_at_once()
    {
        await using var second = new ApiFactory(Api.Database, services: ConfigureServices);
        var admins = new[] { Api.Client("admin"), second.Client("admin"), Api.Client("admin"), second.Client("admin") };
        var responses = await Task.WhenAll(admins.Select(c => c.PostAsync("/api/alerts/scan", null)));
        foreach (var r in responses) await r.Expect(HttpStatusCode.OK);

        var raised = 0;
        foreach (var r in responses) raised += (await r.Json()).GetProperty("alertsRaised").GetInt32();
        Assert.That(raised, Is.EqualTo(3), "overdue, due soon, and overdue elsewhere: once each across all scans");
        Assert.That(await Api.CountAsync("alerts"), Is.EqualTo(3));
        Assert.That(await Api.CountAsync("alert_recipients"), Is.EqualTo(4),
            "the clerk of all three, and the district's supervisor of the district's overdue one: once each across all scans");

        var local = await (await Api.Client("clerk").GetAsync("/api/alerts")).Expect(HttpStatusCode.OK);
        var items = local.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => (i.Str("subjectId"), i.Str("kind"))), Is.EquivalentTo(new[]
        {
            (FixedDeadlineSource.Overdue.ToString(), "overdue"),
            (FixedDeadlineSource.DueSoon.ToString(), "dueSoon"),
        }));
        var overdue = items.Single(i => i.Str("kind") == "overdue");
        Assert.That(overdue.Str("dueDate"), Is.EqualTo("2026-02-26"));
        Assert.That(overdue.Str("message"), Does.Contain("春节").And.Contain("2026-02-26"));
        Assert.That(items.Single(i => i.Str("kind") == "dueSoon").Str("dueDate"), Is.EqualTo("2026-03-03"));

        var elsewhere = await (await Api.Client("clerk", jurisdiction: "510104").GetAsync("/api/alerts")).Expect(HttpStatusCode.OK);
        Assert.That(elsewhere.GetProperty("items").EnumerateArray().Select(i => i.Str("subjectId")),
            Is.EqualTo(new[] { FixedDeadlineSource.OverdueElsewhere.ToString() }));
    }

    [Test, Order(2)]
    public async Task An_alert_is_acknowledged_once_with_its_version()
    {
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var clerk = Api.Client("clerk");
        var list = await (await clerk.GetAsync("/api/alerts?kind=overdue")).Expect(HttpStatusCode.OK);
        var alert = list.GetProperty("items")[0];
        var id = alert.Str("id");

        await (await Api.Client("clerk", jurisdiction: "510104").PostJson($"/api/alerts/{id}/acknowledge", new { version = 1 }))
            .Expect(HttpStatusCode.Forbidden);
        var acked = await (await clerk.PostJson($"/api/alerts/{id}/acknowledge", new { version = 1 })).Expect(HttpStatusCode.OK);
        Assert.That(acked.Str("acknowledgedBy"), Is.EqualTo("clerk-510115"));
        await (await clerk.PostJson($"/api/alerts/{id}/acknowledge", new { version = 1 })).Expect(HttpStatusCode.Conflict);

        var open = await (await clerk.GetAsync("/api/alerts?kind=overdue")).Expect(HttpStatusCode.OK);
        Assert.That(open.GetProperty("items").GetArrayLength(), Is.Zero);
        var all = await (await clerk.GetAsync("/api/alerts?kind=overdue&includeAcknowledged=true")).Expect(HttpStatusCode.OK);
        Assert.That(all.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test, Order(3)]
    public async Task The_last_scan_figures_are_read_by_supervisors_and_a_stale_scan_is_reported()
    {
        // A second later than the scans before it, so this one is the last.
        ((FakeTimeProvider)Api.Services.GetRequiredService<TimeProvider>()).Advance(TimeSpan.FromSeconds(1));
        var scan = await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var last = await (await Api.Client("supervisor").GetAsync("/api/alerts/scans/last")).Expect(HttpStatusCode.OK);
        Assert.That(last.Str("finishedAt"), Does.StartWith("2026-03-02T02:00:01"));
        foreach (var figure in new[] { "clocksScanned", "dueSoon", "overdue", "alertsRaised" })
            Assert.That(last.GetProperty(figure).GetInt32(), Is.EqualTo(scan.GetProperty(figure).GetInt32()), figure);
        await (await Api.Client("officer").GetAsync("/api/alerts/scans/last")).Expect(HttpStatusCode.Forbidden);

        var ready = await (await Api.Client(null).GetAsync("/health/ready")).Expect(HttpStatusCode.OK);
        Assert.That(ready.GetProperty("checks").GetProperty("deadline-scan").Str("status"), Is.EqualTo("Healthy"));
        // Two hours later, with no scan since: more than three 15-minute intervals.
        await using var later = new ApiFactory(Api.Database, services: s =>
        {
            ConfigureServices(s);
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(Monday.AddHours(2)));
        });
        var stale = await (await later.Client(null).GetAsync("/health/ready")).Expect(HttpStatusCode.OK);
        var check = stale.GetProperty("checks").GetProperty("deadline-scan");
        Assert.That(check.Str("status"), Is.EqualTo("Degraded"));
        Assert.That(check.Str("description"), Does.Contain("2026-03-02 10:00"), "the last success in the office's time");
    }

    [Test, Order(4)]
    public async Task Each_user_sees_the_alerts_they_are_told_of_unread_first_and_marks_them_read()
    {
        var clerk = Api.Client("clerk");
        var mine = (await (await clerk.GetAsync("/api/alerts?mine=true&includeAcknowledged=true")).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.That(mine.Select(a => (a.Str("kind"), a.Str("reason"), a.GetProperty("readAt").ValueKind == System.Text.Json.JsonValueKind.Null)),
            Is.EqualTo(new[] { ("dueSoon", "responsible", true), ("overdue", "responsible", false) }),
            "the overdue one was acknowledged by the clerk (read), the due-soon one is unread and comes first");

        var supervisor = Api.Client("supervisor");
        var told = (await (await supervisor.GetAsync("/api/alerts?mine=true&includeAcknowledged=true")).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.That(told.Select(a => (a.Str("subjectId"), a.Str("reason"))),
            Is.EqualTo(new[] { (FixedDeadlineSource.Overdue.ToString(), "supervisor") }), "a supervisor is told of overdue work only");
        var id = told[0].Str("id");
        var read = await (await supervisor.PostAsync($"/api/alerts/{id}/read", null)).Expect(HttpStatusCode.OK);
        Assert.That(read.Str("readAt"), Does.StartWith("2026-03-02T02:00"));
        var again = await (await supervisor.PostAsync($"/api/alerts/{id}/read", null)).Expect(HttpStatusCode.OK);
        Assert.That(again.Str("readAt"), Is.EqualTo(read.Str("readAt")), "reading again changes nothing");
        await (await Api.Client("officer").PostAsync($"/api/alerts/{id}/read", null)).Expect(HttpStatusCode.NotFound);
        var clerkStill = (await (await clerk.GetAsync("/api/alerts?mine=true")).Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(a => a.Str("kind")).ToList();
        Assert.That(clerkStill, Is.EqualTo(new[] { "dueSoon" }), "the supervisor's read is the supervisor's own");
    }

    [Test, Order(5)]
    public async Task Work_overdue_past_the_line_escalates_once_to_the_leadership()
    {
        // Monday 2026-03-02: the items due 2026-02-26 are three working days overdue (2-27, the make-up Saturday 2-28, 3-2).
        await using var strict = new ApiFactory(Api.Database, services: s =>
        {
            ConfigureServices(s);
            s.AddSingleton(new AlertOptions { EscalateAfterWorkingDays = 3 });
        });
        var none = await (await strict.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        Assert.That(none.GetProperty("escalated").GetInt32(), Is.Zero, "three working days overdue is not more than three");

        await using var stricter = new ApiFactory(Api.Database, services: s =>
        {
            ConfigureServices(s);
            s.AddSingleton(new AlertOptions { EscalateAfterWorkingDays = 2 });
        });
        var scans = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => stricter.Client("admin").PostAsync("/api/alerts/scan", null)));
        var escalated = 0;
        foreach (var r in scans) escalated += (await r.Expect(HttpStatusCode.OK)).GetProperty("escalated").GetInt32();
        Assert.That(escalated, Is.EqualTo(2), "both overdue items, once across three scans");

        var leader = (await (await Api.Client("supervisor", jurisdiction: "510100").GetAsync("/api/alerts?mine=true&includeAcknowledged=true"))
            .Expect(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.That(leader.Select(a => (a.Str("subjectId"), a.Str("reason"))), Is.EquivalentTo(new[]
        {
            (FixedDeadlineSource.Overdue.ToString(), "leadership"),
            (FixedDeadlineSource.OverdueElsewhere.ToString(), "leadership"),
        }));
        Assert.That(await Api.CountAsync("alert_recipients"), Is.EqualTo(6));
    }

    [Test]
    public async Task The_supervisor_dashboard_page_shows_the_last_scan()
    {
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var page = await Api.Client("supervisor").GetAsync("/supervisor/dashboard");
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(html, Does.Contain("id=\"last-scan\"").And.Contain("2026-03-02 10:00").And.Contain("检查时限"));
    }

    [Test]
    public async Task Recurring_jobs_run_in_the_office_time_zone_and_only_admins_may_trigger_them()
    {
        using (var connection = Api.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var jobs = connection.GetRecurringJobs();
            Assert.That(jobs, Is.Not.Empty);
            Assert.That(jobs.Select(j => j.TimeZoneId).Distinct(), Is.EqualTo(new[] { "Asia/Shanghai" }));
        }
        var admin = await Api.Client("admin").GetAsync("/hangfire/recurring");
        var adminHtml = await admin.Content.ReadAsStringAsync();
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK), adminHtml);
        var supervisor = await Api.Client("supervisor").GetAsync("/hangfire/recurring");
        var supervisorHtml = await supervisor.Content.ReadAsStringAsync();
        Assert.That(supervisor.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(adminHtml, Does.Contain("recurring/trigger"), "the admin's page has the trigger button");
        Assert.That(supervisorHtml, Does.Not.Contain("recurring/trigger").And.Not.Contain("recurring/remove"), "read-only for supervisors");
        Assert.That(supervisorHtml, Does.Contain("Asia/Shanghai").And.Contain("到期扫描"));
        Assert.That(supervisorHtml, Does.Contain("定期作业"), "Hangfire's own Chinese texts");
        var posted = await Api.Client("supervisor").PostAsync("/hangfire/recurring/trigger",
            new FormUrlEncodedContent([new("jobs[]", DeadlineScanJob.Id)]));
        Assert.That((int)posted.StatusCode, Is.GreaterThanOrEqualTo(400), "a supervisor's trigger is refused");
    }

    [TestCase("officer")]
    [TestCase("clerk")]
    [TestCase("supervisor")]
    public async Task Only_admins_may_start_a_scan_by_hand(string role)
    {
        await (await Api.Client(role).PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_recurring_job_is_scheduled_and_runs_as_the_system_user()
    {
        using (var connection = Api.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var jobs = connection.GetRecurringJobs();
            Assert.That(jobs.Select(j => j.Id), Does.Contain(DeadlineScanJob.Id));
        }

        using var scope = Api.Services.CreateScope(); // disposed synchronously, as Hangfire's job activator does
        await scope.ServiceProvider.GetRequiredService<DeadlineScanJob>().RunAsync(CancellationToken.None);
        var session = new DbSession(new DbConnectionFactory(Api.Database));
        await using (session)
        {
            var users = await session.QueryAsync<string>(new Sql("SELECT user_id FROM audit_entries WHERE entity_type = 'deadline-scan'"), null, CancellationToken.None);
            Assert.That(users, Does.Contain("system"));
        }
    }
}
