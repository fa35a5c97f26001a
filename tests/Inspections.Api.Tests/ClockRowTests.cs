using System.Net;
using System.Text.Json;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests;

/// <summary>
/// The stored clocks follow the working calendar: replacing a year computes again exactly the clocks whose dates
/// lean on it, in the same transaction, and says how many; the scan then raises the alert for the new due date.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class ClockRowTests(string provider) : ApiFixture(provider)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Monday));
        services.AddSingleton<IDeadlineSource, FixedDeadlineSource>();
    }

    [Test]
    public async Task Replacing_a_calendar_year_recomputes_the_clocks_that_lean_on_it_and_says_how_many()
    {
        var admin = Api.Client("admin");
        // 2027: no stored clock reaches it.
        var next = await (await admin.PutJson("/api/calendars/2027", new
        {
            source = "测试通知",
            days = new[] { new { date = "2027-01-01", kind = "holiday", name = "元旦" } },
        })).Expect(HttpStatusCode.OK);
        Assert.That(next.GetProperty("clocksRecomputed").GetInt32(), Is.Zero);

        // 2026 again, with Tuesday 3-3 made a holiday: the due-soon clock (due 3-3) moves to 3-4. The four fixed clocks
        // all count 2026 working days, so all four are computed again.
        var current = await (await admin.GetAsync("/api/calendars/2026")).Expect(HttpStatusCode.OK);
        Assert.That(current.GetProperty("clocksRecomputed").ValueKind, Is.EqualTo(JsonValueKind.Null), "only a replace says it");
        var days = current.GetProperty("days").EnumerateArray()
            .Select(d => new { date = d.Str("date"), kind = d.Str("kind"), name = d.Str("name") })
            .Append(new { date = "2026-03-03", kind = "holiday", name = "测试假日" })
            .ToArray();
        var replaced = await (await admin.PutJson("/api/calendars/2026", new
        {
            version = current.GetProperty("version").GetInt64(),
            source = "测试通知",
            days,
        })).Expect(HttpStatusCode.OK);
        Assert.That(replaced.GetProperty("clocksRecomputed").GetInt32(), Is.EqualTo(4));

        await (await admin.PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var alerts = await (await Api.Client("clerk").GetAsync("/api/alerts?kind=dueSoon")).Expect(HttpStatusCode.OK);
        var dueSoon = alerts.GetProperty("items").EnumerateArray().Single(a => a.Str("subjectId") == FixedDeadlineSource.DueSoon.ToString());
        Assert.That(dueSoon.Str("dueDate"), Is.EqualTo("2026-03-04"));
        Assert.That(dueSoon.Str("message"), Does.Contain("应于 2026-03-04"));
    }
}
