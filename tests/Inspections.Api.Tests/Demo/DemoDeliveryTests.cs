using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Inspections.Api.Infrastructure;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Inspections.Api.Tests.Demo;

/// <summary>
/// Issue 15's done-criterion, on the demo district: the `demo` command loads 温江区 into a fresh database (SQLite and
/// PostgreSQL) as of a Tuesday evening (its own deadline scan raises that day's alerts); on Friday morning its
/// administrator adds a WeCom group robot (a loopback HttpListener that answers one application's first message 500)
/// and an e-mail channel (a loopback SMTP server), and TWO API hosts over the same database each run
/// the deadline scan, the sender (again after the backoff) and the morning digest. Each application that became
/// overdue since reaches its people — its first-inquiry clerk and current holder, and the section head since it is
/// overdue — in exactly one WeCom markdown message (mentioning them, linking to the application), one e-mail to their
/// own addresses, and one digest line each; and no message of the district's outbox reaches a receiver twice.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
[NonParallelizable]
public sealed class DemoDeliveryTests(string provider)
{
    /// <summary>The evening the demo's story ends (a Tuesday), and a later working morning, when the office's jobs run.</summary>
    private static readonly DateOnly AsOf = new(2026, 11, 10);
    private static readonly DateTimeOffset Morning = new(2026, 11, 13, 8, 30, 0, TimeSpan.FromHours(8));
    private const string Base = "https://zhifa.example.cn";
    private const string OfficeMail = "wenjiang-office@wenjiang.example.cn";

    private readonly FakeTimeProvider _clock = new(Morning);
    private Receivers? _receivers;
    private TestDatabase? _database;
    private ApiFactory? _one;
    private ApiFactory? _two;

    private Receivers Receivers => _receivers!;

    private void Configure(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(new AlertOptions
        {
            PublicBaseUrl = Base,
            SmtpHost = "127.0.0.1",
            SmtpPort = Receivers.Smtp.Configuration.Port,
            MailFrom = "alerts@zhifa.example.cn",
            FirstRetrySeconds = 30,
            // The leadership's escalation is another wave (tested in AlertTests); here the first wave only.
            EscalateAfterWorkingDays = 30,
        }.Validated());
    }

    [OneTimeSetUp]
    public async Task LoadTheDemo()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _receivers = new Receivers();
        var evidence = Path.Combine(Path.GetTempPath(), "inspections-tests", "evidence-" + Guid.NewGuid().ToString("N"));
        var load = await DemoRun.RunAsync(_database.Options, evidence, null, "--as-of", AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        TestContext.Out.WriteLine($"demo ({provider}) took {load.Took.TotalSeconds:0.0} s");
        Assert.That(load.Exit, Is.EqualTo(0), load.Output);
        _one = new ApiFactory(_database.Options, services: Configure);
        _two = new ApiFactory(_database.Options, services: Configure);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_one is not null) await _one.DisposeAsync();
        if (_two is not null) await _two.DisposeAsync();
        _receivers?.Dispose();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>The district's administrator 陈静 (a demo user), on a host.</summary>
    private static HttpClient Admin(ApiFactory host)
    {
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Token("admin", "510115", user: "chenjing"));
        return client;
    }

    private async Task<int> SendOnBothAsync() => (await Task.WhenAll(
        _one!.Services.GetRequiredService<AlertSender>().RunAsync(CancellationToken.None),
        _two!.Services.GetRequiredService<AlertSender>().RunAsync(CancellationToken.None))).Sum();

    /// <summary>Sends on both hosts, then after each backoff, until nothing waits.</summary>
    private async Task SendUntilDoneAsync()
    {
        for (var round = 0; round < 6; round++)
        {
            await SendOnBothAsync();
            _clock.Advance(TimeSpan.FromSeconds(30 * Math.Pow(2, round) + 1));
        }
    }

    private static IEnumerable<string> Mentions(string content) =>
        System.Text.RegularExpressions.Regex.Matches(content, "<@([^>]+)>").Select(m => m.Groups[1].Value);

    [Test]
    public async Task An_overdue_application_reaches_its_people_once_by_wecom_e_mail_and_the_digest_across_a_retry_and_two_servers()
    {
        var admin = Admin(_one!);
        await (await admin.PostJson("/api/notification-channels",
            new { kind = "wecom", name = "温江大队企业微信群", target = $"http://127.0.0.1:{Receivers.Port}/wecom?key=robot" })).Expect(HttpStatusCode.Created);
        await (await admin.PostJson("/api/notification-channels", new { kind = "email", name = "大队邮箱", target = OfficeMail }))
            .Expect(HttpStatusCode.Created);

        // The scan, twice on each host at once.
        foreach (var scan in await Task.WhenAll(new[] { _one!, _two!, _one!, _two! }.Select(h => Admin(h).PostAsync("/api/alerts/scan", null))))
            await scan.Expect(HttpStatusCode.OK);

        // The applications that became overdue since the demo's scan: new alerts, told to their people now.
        var overdue = (await (await admin.GetAsync("/api/alerts?kind=overdue&subjectType=permit&limit=100")).Expect(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(a => a.GetProperty("raisedAt").GetDateTimeOffset() >= Morning).ToList();
        Assert.That(overdue, Is.Not.Empty, "the demo leaves applications under review that run out after its last day");
        var applications = new List<(string Id, string Link, string[] People)>();
        foreach (var alert in overdue)
        {
            var permit = await (await admin.GetAsync($"/api/permits/{alert.Str("subjectId")}")).Expect(HttpStatusCode.OK);
            Assert.That(permit.Str("jurisdiction"), Does.StartWith("510115"));
            // The first-inquiry clerk 首问责任人, the current holder 经办人, the brigade's head 刘洋 (the district's supervisor).
            string[] people = [.. new[] { permit.Str("responsibleId"), permit.Str("holderId"), "liuyang" }.Distinct()];
            applications.Add((permit.Str("id"), $"{Base}/permits/{permit.Str("id")}", people));
        }
        string MailOf(string user) => $"{user}@wenjiang.example.cn";
        var (id, firstLink, _) = applications[0];

        // The robot refuses the first application's first message: the sender tries it again after the backoff.
        Receivers.RefuseFirst = body => body.Contains(firstLink, StringComparison.Ordinal) && !body.Contains("【每日预警】", StringComparison.Ordinal);
        await SendUntilDoneAsync();

        // The morning digest, on both hosts, then sent.
        var digests = await Task.WhenAll(new[] { _one!, _two! }.Select(h => Admin(h).PostAsync("/api/alerts/digest", null)));
        var written = 0;
        foreach (var d in digests)
        {
            var result = await d.Expect(HttpStatusCode.OK);
            Assert.That(result.GetProperty("skipped").GetBoolean(), Is.False, "Friday 2026-11-13 is a working day");
            written += result.GetProperty("messages").GetInt32();
        }
        await SendUntilDoneAsync();

        var wecom = Receivers.WeComAccepted.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.That(wecom.Select(w => w.Str("msgtype")), Is.All.EqualTo("markdown"));
        var contents = wecom.Select(w => w.GetProperty("markdown").Str("content")).ToList();
        var mails = Receivers.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        Assert.That(Receivers.WeComRefused.Single(), Does.Contain(firstLink), "the first try of the first application's message was refused (500) and tried again");
        foreach (var (_, link, people) in applications)
        {
            // WeCom: one alert message for the application, markdown, linking to it and mentioning its people; refused once, then accepted.
            var alertMessages = contents.Where(c => c.Contains(link, StringComparison.Ordinal) && !c.Contains("【每日预警】", StringComparison.Ordinal)).ToList();
            Assert.That(alertMessages, Has.Count.EqualTo(1), "one WeCom message for the overdue application");
            Assert.That(alertMessages[0], Does.StartWith("**【已超期】").And.Contain($"[打开办件]({link})").And.Contain("（责任人）").And.Contain("刘洋（科长）"));
            Assert.That(Mentions(alertMessages[0]), Is.EquivalentTo(people), "the robot @-mentions the three by their WeCom accounts");

            // E-mail: one alert e-mail for the application, to the three at their own addresses (not the office's).
            var alertMails = mails.Where(m => (m.TextBody ?? "").Contains(link, StringComparison.Ordinal) && !(m.Subject ?? "").StartsWith("【每日预警】", StringComparison.Ordinal)).ToList();
            Assert.That(alertMails, Has.Count.EqualTo(1), "one e-mail for the overdue application");
            Assert.That(alertMails[0].Subject, Does.StartWith("【已超期】"));
            Assert.That(alertMails[0].To.Mailboxes.Select(m => m.Address), Is.EquivalentTo(people.Select(MailOf).ToArray()));

            // The digest: each of the three gets one WeCom digest (mentioning them) and one e-mail digest (to them), with one line for the application.
            foreach (var user in people)
            {
                var wecomDigests = contents.Where(c => c.Contains("【每日预警】", StringComparison.Ordinal) && Mentions(c).Contains(user)).ToList();
                Assert.That(wecomDigests, Has.Count.EqualTo(1), $"{user}'s WeCom digest");
                Assert.That(Mentions(wecomDigests[0]), Is.EqualTo(new[] { user }));
                Assert.That(wecomDigests[0].Split('\n').Count(l => l.Contains(link, StringComparison.Ordinal)), Is.EqualTo(1), $"one digest line for {user}");
                Assert.That(wecomDigests[0].Split('\n').Single(l => l.Contains(link, StringComparison.Ordinal)), Does.StartWith("- 【已超期】"));
                var mailDigests = mails.Where(m => (m.Subject ?? "").StartsWith("【每日预警】", StringComparison.Ordinal)
                    && m.To.Mailboxes.Any(a => a.Address == MailOf(user))).ToList();
                Assert.That(mailDigests, Has.Count.EqualTo(1), $"{user}'s e-mail digest");
                Assert.That(mailDigests[0].To.Mailboxes.Select(a => a.Address), Is.EqualTo(new[] { MailOf(user) }));
                Assert.That((mailDigests[0].TextBody ?? "").Split('\n').Count(l => l.Contains(link, StringComparison.Ordinal)), Is.EqualTo(1));
            }
            // Nobody else's digest lists it: only these three were told of it.
            Assert.That(contents.Count(c => c.Contains("【每日预警】", StringComparison.Ordinal) && c.Contains(link, StringComparison.Ordinal)), Is.EqualTo(people.Length));
        }

        // The whole outbox: every message sent, each received exactly once; the attempts as the admin sees them.
        await using var db = new DbSession(new DbConnectionFactory(_database!.Options));
        var messages = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM alert_deliveries"), null, CancellationToken.None);
        var sent = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM alert_deliveries WHERE status = 'sent'"), null, CancellationToken.None);
        var attempts = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM delivery_attempts"), null, CancellationToken.None);
        var digestRows = await db.ExecuteScalarAsync<long>(new Sql("SELECT COUNT(*) FROM alert_deliveries WHERE digest_on IS NOT NULL"), null, CancellationToken.None);
        var mailIds = mails.Select(m => m.Headers["X-Inspections-Delivery"]).ToList();
        var received = Receivers.WeComAccepted.Count + mails.Count;
        var duplicates = (Receivers.WeComAccepted.Count - Receivers.WeComAccepted.Distinct().Count()) + (mailIds.Count - mailIds.Distinct().Count());
        var retries = attempts - messages;
        TestContext.Out.WriteLine($"[{provider}] demo delivery figures: messages {messages} (alerts {messages - digestRows}, digests {digestRows}), " +
            $"received {received}, attempts {attempts}, retries {retries}, duplicates {duplicates}; " +
            $"newly overdue applications {applications.Count} (told: {string.Join("; ", applications.Select(a => string.Join(",", a.People)))}), " +
            $"the first {id} tried twice on WeCom");
        Assert.That(written, Is.EqualTo(digestRows), "the digest was written once across the two hosts");
        Assert.That(sent, Is.EqualTo(messages), "every message was sent");
        Assert.That(received, Is.EqualTo(messages), "each message reached its receiver once");
        Assert.That(duplicates, Is.Zero);
        Assert.That(retries, Is.EqualTo(1), "one retry: the refused WeCom message");
        var retried = (await admin.GetAsync("/api/alerts/deliveries?status=sent&limit=200")).Expect(HttpStatusCode.OK);
        var attemptsOfRetried = (await retried).EnumerateArray().Where(d => d.GetProperty("attempts").GetInt32() > 1)
            .Select(d => d.GetProperty("attemptLog").EnumerateArray().Select(a => a.Str("status")).ToList()).ToList();
        if (messages <= 200) Assert.That(attemptsOfRetried, Is.EqualTo(new[] { new[] { "failed", "sent" } }), "the attempts of the retried message, as the admin sees them");
    }
}
