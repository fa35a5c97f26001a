using System.Net;
using Inspections.Api.Infrastructure;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Inspections.Api.Tests;

/// <summary>
/// A receiver slower than the sender's claim (Alerts:ClaimSeconds = 3, the receiver answering after 8 s, on the real
/// clock): a second server that runs while the first is still waiting for the answer must not send the same message
/// again, neither the one in flight (its claim is renewed while it is sent) nor the rest of the first server's batch
/// (whose claims lapsed: the second server takes them over, and the first then leaves them alone).
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class AlertLeaseTests(string provider) : ApiFixture(provider)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly Receivers _receivers = new() { SlowDelay = TimeSpan.FromSeconds(8) };

    private AlertOptions Options(int claimSeconds) => new AlertOptions
    {
        PublicBaseUrl = "https://zhifa.example.cn",
        ClaimSeconds = claimSeconds,
        SendTimeoutSeconds = 30,
        FirstRetrySeconds = 30,
    }.Validated();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Monday));
        services.AddSingleton<IDeadlineSource, OverdueApplicationSource>();
        services.AddSingleton(Options(120));
    }

    protected override IEnumerable<TestUser> FixtureUsers =>
    [
        new("clerk-510115", "王芳", ["clerk"], "510115"),
        new("supervisor-510115", "刘洋", ["supervisor"], "510115"),
    ];

    [OneTimeTearDown]
    public void StopReceivers() => _receivers.Dispose();

    /// <summary>A sending server on the real clock with a short claim.</summary>
    private ApiFactory Sender() => new(Api.Database, services: s =>
    {
        ConfigureServices(s);
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton(Options(3));
    });

    [Test]
    public async Task A_receiver_slower_than_the_claim_still_gets_each_message_once()
    {
        var admin = Api.Client("admin");
        await (await admin.PostJson("/api/notification-channels", new { kind = "webhook", name = "慢速接收端", target = $"http://127.0.0.1:{_receivers.Port}/slow" }))
            .Expect(HttpStatusCode.Created);
        await (await admin.PostAsync("/api/alerts/scan", null)).Expect(HttpStatusCode.OK);
        var messages = await Api.CountAsync("alert_deliveries");
        Assert.That(messages, Is.EqualTo(2), "an overdue and a due-soon application: one message each");

        await using var first = Sender();
        await using var second = Sender();
        var senders = (One: first.Services.GetRequiredService<AlertSender>(), Two: second.Services.GetRequiredService<AlertSender>());
        var one = senders.One.RunAsync(CancellationToken.None);
        // The first server claimed both and waits on the first answer; a second later than the claim (3 s), both claims
        // would have lapsed without their renewal.
        while (_receivers.Slow.IsEmpty) await Task.Delay(50);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.That(_receivers.Slow, Has.Count.EqualTo(1), "the first message is still in flight");
        var two = await senders.Two.RunAsync(CancellationToken.None);
        var sentByFirst = await one;

        var deliveries = _receivers.Slow.Select(s => s.Delivery).ToList();
        TestContext.Out.WriteLine($"[{Provider}] slow receiver: requests {deliveries.Count}, distinct {deliveries.Distinct().Count()}, sent by the first server {sentByFirst}, by the second {two}");
        Assert.That(deliveries, Has.Count.EqualTo(2), "each message reached the receiver once");
        Assert.That(deliveries, Is.Unique);
        Assert.That((sentByFirst, two), Is.EqualTo((1, 1)), "the first server sent the message it held; the second took over the one whose claim lapsed");

        await using var db = new DbSession(new DbConnectionFactory(Api.Database));
        Assert.That(await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM delivery_attempts"), null, CancellationToken.None), Is.EqualTo(2));
        Assert.That(await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'sent' AND attempts = 1"), null,
            CancellationToken.None), Is.EqualTo(2));
    }

    [Test]
    public void Options_refuse_a_send_timeout_of_nothing() =>
        Assert.That(() => new AlertOptions { SendTimeoutSeconds = 0 }.Validated(), Throws.InvalidOperationException);
}
