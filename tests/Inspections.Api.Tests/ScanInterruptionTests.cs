using System.Net;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests;

/// <summary>
/// A deadline scan stopped at any point (a server killed, a request aborted) keeps the batches it committed
/// and loses the one under way; the next scan finishes the work. One clock per batch, scans aborted after a
/// random few milliseconds again and again, two servers: never a second alert for a subject, kind and due date.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class ScanInterruptionTests(string provider) : ApiFixture(provider)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Monday));
        services.AddSingleton<IDeadlineSource, FixedDeadlineSource>();
        services.AddSingleton(new ClockOptions { ScanBatch = 1 });
    }

    [Test]
    public async Task Scans_stopped_halfway_never_raise_an_alert_twice_and_the_next_scan_finishes()
    {
        await using var second = new ApiFactory(Api.Database, services: ConfigureServices);
        var random = new Random(20261126);
        var stopped = 0;
        for (var i = 0; i < 24; i++)
        {
            var host = i % 2 == 0 ? Api : second;
            using var abort = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(0, 30)));
            try
            {
                using var answer = await host.Client("admin").PostAsync("/api/alerts/scan", null, abort.Token);
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.ServiceUnavailable));
            }
            catch (OperationCanceledException)
            {
                stopped++;
            }
            // Whatever was committed so far is each alert once.
            Assert.That(await DuplicatesAsync(), Is.Zero, $"after scan {i + 1}");
        }
        TestContext.Out.WriteLine($"{Provider}: {stopped} of 24 scans stopped before they answered");

        // A scan left to finish raises what is missing; one more raises nothing.
        await (await Api.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        Assert.That(await Api.CountAsync("alerts"), Is.EqualTo(3), "overdue, due soon, and overdue elsewhere: once each");
        var again = await (await second.Client("admin").PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        Assert.That(again.GetProperty("alertsRaised").GetInt32(), Is.Zero);
        Assert.That(await DuplicatesAsync(), Is.Zero);
    }

    private async Task<long> DuplicatesAsync()
    {
        await using var db = new Inspections.Core.Data.DbSession(new Inspections.Core.Data.DbConnectionFactory(Api.Database));
        return await db.ExecuteScalarAsync<long>(new Inspections.Core.Data.Sql("""
            SELECT COUNT(*) FROM (SELECT subject_id, kind, due_date FROM alerts GROUP BY subject_id, kind, due_date HAVING COUNT(*) > 1) d
            """), null, CancellationToken.None);
    }
}
