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
