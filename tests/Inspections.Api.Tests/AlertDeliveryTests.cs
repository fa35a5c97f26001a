using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Inspections.Api.Infrastructure;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Domain.Access;
using Inspections.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;

namespace Inspections.Api.Tests;

/// <summary>An overdue and a due-soon permit application of the district, standing in for the permit desk's open work.</summary>
internal sealed class OverdueApplicationSource : IDeadlineSource
{
    public static readonly Guid Overdue = Guid.Parse("00000000-0000-7000-8000-0000000000a1");
    public static readonly Guid DueSoon = Guid.Parse("00000000-0000-7000-8000-0000000000a2");

    public string ClockType => "permit";

    private static OpenClock Clock(Guid id, string title, DateOnly start, int limit) => new(
        "permit", id, "510115", title,
        new DeadlineClock(new ClockSubject("permit", id.ToString()), ClockKind.WorkingDays, start, limit),
        ClockWording.PermitPromised, "clerk-510115");

    public Task<IReadOnlyList<OpenClock>> OpenClocksAsync(DbSession db, CodeRange scope, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<OpenClock>>(new[]
        {
            Clock(Overdue, "星空网吧 网吧设立申请", new DateOnly(2026, 2, 12), 5),   // due 2-26: overdue on Monday 3-2
            Clock(DueSoon, "悦读书店 出版物零售申请", new DateOnly(2026, 2, 27), 3), // due 3-3: due soon
        }.Where(c => string.CompareOrdinal(c.Jurisdiction, scope.First) >= 0 && string.CompareOrdinal(c.Jurisdiction, scope.Last) <= 0).ToList());
}

/// <summary>
/// A WeCom group robot, a signed webhook receiver and an SMTP server on loopback, real: the robot answers its first
/// message (the first <see cref="RefuseFirst"/> picks) 500 and the rest 200, and the test counts what each accepted.
/// Requests are answered concurrently; "/slow" answers each message after <see cref="SlowDelay"/> (a receiver slower
/// than the sender's claim) and counts it as received when it arrives, as a group robot posts it.
/// </summary>
internal sealed class Receivers : IDisposable
{
    public const string WebhookSecret = "hook-secret-0123456789";
    public const string DingTalkSecret = "SECding0123456789";
    private readonly HttpListener _http = new();
    private readonly CancellationTokenSource _stop = new();
    private int _wecomRequests;
    private int _refused;

    public int Port { get; }
    public SimpleSmtpServer Smtp { get; } = SimpleSmtpServer.Start(FreePort());
    public ConcurrentBag<string> WeComAccepted { get; } = [];
    public int WeComRequests => _wecomRequests;
    public ConcurrentBag<(string Body, string? Signature)> Webhook { get; } = [];
    /// <summary>DingTalk messages, with whether timestamp and sign were DingTalk's HMAC of the secret.</summary>
    public ConcurrentBag<(string Body, bool Signed)> DingTalk { get; } = [];
    /// <summary>Which WeCom message is answered 500, once: by default the first.</summary>
    public Func<string, bool> RefuseFirst { get; set; } = _ => true;
    /// <summary>WeCom messages answered 500, with the accepted ones: every request the robot saw.</summary>
    public ConcurrentBag<string> WeComRefused { get; } = [];
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);
    /// <summary>What "/slow" received, with the X-Inspections-Delivery header: one entry per request.</summary>
    public ConcurrentBag<(string Body, string? Delivery)> Slow { get; } = [];

    public Receivers()
    {
        Port = FreePort();
        _http.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _http.Start();
        _ = Task.Run(ServeAsync);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _http.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = 200;
            var answer = """{"errcode":0,"errmsg":"ok"}""";
            if (context.Request.Url!.AbsolutePath == "/wecom")
            {
                Interlocked.Increment(ref _wecomRequests);
                if (RefuseFirst(body) && Interlocked.CompareExchange(ref _refused, 1, 0) == 0) { status = 500; answer = "busy"; WeComRefused.Add(body); }
                else WeComAccepted.Add(body);
            }
            else if (context.Request.Url!.AbsolutePath == "/slow")
            {
                Slow.Add((body, context.Request.Headers["X-Inspections-Delivery"]));
                await Task.Delay(SlowDelay);
            }
            else if (context.Request.Url!.AbsolutePath == "/dingtalk")
            {
                var timestamp = context.Request.QueryString["timestamp"] ?? "";
                var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(DingTalkSecret),
                    Encoding.UTF8.GetBytes($"{timestamp}\n{DingTalkSecret}")));
                DingTalk.Add((body, timestamp.Length > 0 && context.Request.QueryString["sign"] == expected));
            }
            else Webhook.Add((body, context.Request.Headers[AlertSender.SignatureHeader]));
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The sender gave up waiting (its send stopped) or the listener closed: nothing to answer.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _http.Close();
        Smtp.Dispose();
    }
}

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public sealed class AlertDeliveryTests(string provider) : ApiFixture(provider)
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly FakeTimeProvider _clock = new(Monday);
    private readonly Receivers _receivers = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IDeadlineSource, OverdueApplicationSource>();
        services.AddSingleton(new AlertOptions
        {
            PublicBaseUrl = "https://zhifa.example.cn",
            SmtpHost = "127.0.0.1",
            SmtpPort = _receivers.Smtp.Configuration.Port,
            MailFrom = "alerts@zhifa.example.cn",
            FirstRetrySeconds = 30,
        }.Validated());
    }

    protected override IEnumerable<TestUser> FixtureUsers =>
    [
        new("clerk-510115", "王芳", ["clerk"], "510115"),
        new("supervisor-510115", "刘洋", ["supervisor"], "510115"),
    ];

    [OneTimeTearDown]
    public void StopReceivers() => _receivers.Dispose();

    [Test, Order(1)]
    public async Task Channels_are_validated_and_their_secrets_never_shown()
    {
        var admin = Api.Client("admin");
        await (await admin.PostJson("/api/notification-channels", new { kind = "pager", name = "x", target = "http://127.0.0.1/" })).Expect(HttpStatusCode.BadRequest);
        await (await admin.PostJson("/api/notification-channels", new { kind = "wecom", name = "x", target = "not a url" })).Expect(HttpStatusCode.BadRequest);
        await (await admin.PostJson("/api/notification-channels", new { kind = "email", name = "x", target = "nobody" })).Expect(HttpStatusCode.BadRequest);
        await (await Api.Client("supervisor").PostJson("/api/notification-channels", new { kind = "email", name = "x", target = "a@b.cn" }))
            .Expect(HttpStatusCode.Forbidden);

        var base_ = $"http://127.0.0.1:{_receivers.Port}";
        await (await admin.PostJson("/api/notification-channels", new { kind = "wecom", name = "审批科企业微信群", target = $"{base_}/wecom?key=robot" }))
            .Expect(HttpStatusCode.Created);
        var hook = await (await admin.PostJson("/api/notification-channels",
            new { kind = "webhook", name = "政务平台", target = $"{base_}/hook", secret = Receivers.WebhookSecret })).Expect(HttpStatusCode.Created);
        Assert.That(hook.GetProperty("hasSecret").GetBoolean(), Is.True);
        Assert.That(hook.GetRawText(), Does.Not.Contain(Receivers.WebhookSecret));
        await (await admin.PostJson("/api/notification-channels", new { kind = "email", name = "大队邮箱", target = "office@zhifa.example.cn" }))
            .Expect(HttpStatusCode.Created);
        await (await admin.PostJson("/api/notification-channels",
            new { kind = "dingtalk", name = "大队钉钉群", target = $"{base_}/dingtalk?access_token=robot", secret = Receivers.DingTalkSecret })).Expect(HttpStatusCode.Created);
        var listed = await (await admin.GetAsync("/api/notification-channels")).Expect(HttpStatusCode.OK);
        Assert.That(listed.GetArrayLength(), Is.EqualTo(4));
        Assert.That(listed.GetRawText(), Does.Not.Contain(Receivers.WebhookSecret));
    }

    [Test, Order(2)]
    public async Task An_overdue_application_reaches_wecom_the_webhook_and_e_mail_exactly_once_across_retries_and_two_servers()
    {
        await using var second = new ApiFactory(Api.Database, services: ConfigureServices);
        var scans = await Task.WhenAll(new[] { Api, second, Api, second }.Select(h => h.Client("admin").PostAsync("/api/alerts/scan", null)));
        foreach (var s in scans) await s.Expect(HttpStatusCode.OK);
        Assert.That(await Api.CountAsync("alerts"), Is.EqualTo(2));
        Assert.That(await Api.CountAsync("alert_deliveries"), Is.EqualTo(8), "two alerts, four channels: one message each");

        async Task<int> SendOnBothAsync() => (await Task.WhenAll(
            Api.Services.GetRequiredService<AlertSender>().RunAsync(CancellationToken.None),
            second.Services.GetRequiredService<AlertSender>().RunAsync(CancellationToken.None))).Sum();

        var first = await SendOnBothAsync();
        Assert.That(first, Is.EqualTo(7), "the robot refused one message (500)");
        Assert.That(await SendOnBothAsync(), Is.Zero, "the refused one waits its backoff");
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.That(await SendOnBothAsync(), Is.EqualTo(1), "after 30 s it is sent again, by one server");
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await SendOnBothAsync(), Is.Zero, "nothing is sent twice");

        // WeCom: one accepted markdown message per alert, despite the retry.
        Assert.That(_receivers.WeComRequests, Is.EqualTo(3));
        var wecom = _receivers.WeComAccepted.Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.That(wecom, Has.Count.EqualTo(2));
        Assert.That(wecom.Select(w => w.Str("msgtype")), Is.All.EqualTo("markdown"));
        var overdue = wecom.Single(w => w.GetProperty("markdown").Str("content").Contains("【已超期】")).GetProperty("markdown").Str("content");
        Assert.That(overdue, Does.Contain("星空网吧 网吧设立申请").And.Contain("到期日：2026-02-26")
            .And.Contain($"https://zhifa.example.cn/permits/{OverdueApplicationSource.Overdue}")
            .And.Contain("王芳（责任人）").And.Contain("刘洋（科长）"));

        // The webhook: signed with the channel's secret, checked here.
        Assert.That(_receivers.Webhook, Has.Count.EqualTo(2));
        foreach (var (body, signature) in _receivers.Webhook)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Receivers.WebhookSecret), Encoding.UTF8.GetBytes(body)));
            Assert.That(signature, Is.EqualTo(expected));
        }

        // DingTalk: markdown with a title, the address signed (timestamp and sign) with the channel's secret.
        Assert.That(_receivers.DingTalk, Has.Count.EqualTo(2));
        Assert.That(_receivers.DingTalk.Select(d => d.Signed), Is.All.True);
        var ding = _receivers.DingTalk.Select(d => JsonDocument.Parse(d.Body).RootElement).ToList();
        Assert.That(ding.Select(d => d.Str("msgtype")), Is.All.EqualTo("markdown"));
        Assert.That(ding.Select(d => d.GetProperty("markdown").Str("title")), Is.EquivalentTo(new[] { "【已超期】星空网吧 网吧设立申请", "【即将到期】悦读书店 出版物零售申请" }));

        // E-mail: received by the SMTP server, once per alert.
        var mails = _receivers.Smtp.ReceivedEmail;
        Assert.That(mails, Has.Length.EqualTo(2));
        var parsed = mails.Select(m => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        Assert.That(parsed.Select(m => m.To.ToString()), Is.All.Contains("office@zhifa.example.cn"));
        var overdueMail = parsed.Single(m => (m.Subject ?? "").StartsWith("【已超期】", StringComparison.Ordinal));
        Assert.That(overdueMail.Subject, Is.EqualTo("【已超期】星空网吧 网吧设立申请"));
        Assert.That(overdueMail.TextBody, Does.Contain($"https://zhifa.example.cn/permits/{OverdueApplicationSource.Overdue}"));

        // The attempts, as an admin sees them.
        var sent = await (await Api.Client("admin").GetAsync("/api/alerts/deliveries?status=sent")).Expect(HttpStatusCode.OK);
        var deliveries = sent.EnumerateArray().ToList();
        Assert.That(deliveries, Has.Count.EqualTo(8));
        var attempts = deliveries.Sum(d => d.GetProperty("attemptLog").GetArrayLength());
        var retried = deliveries.Where(d => d.GetProperty("attempts").GetInt32() > 1).ToList();
        Assert.That(retried, Has.Count.EqualTo(1));
        Assert.That(retried[0].Str("channelKind"), Is.EqualTo("wecom"));
        Assert.That(retried[0].GetProperty("attemptLog").EnumerateArray().Select(a => a.Str("status")), Is.EqualTo(new[] { "failed", "sent" }));
        Assert.That(retried[0].GetProperty("attemptLog")[0].Str("error"), Does.Contain("500"));
        var duplicates = _receivers.WeComAccepted.Count - 2 + _receivers.Webhook.Count - 2 + _receivers.DingTalk.Count - 2 + mails.Length - 2;
        TestContext.Out.WriteLine($"[{Provider}] delivery figures: messages 8, attempts {attempts}, retries {attempts - 8}, duplicates {duplicates}");
        Assert.That(attempts, Is.EqualTo(9));
        Assert.That(duplicates, Is.Zero);

        // The stored alerts are as the scan left them: delivery never touches them.
        await using var db = new DbSession(new DbConnectionFactory(Api.Database));
        var versions = await db.QueryAsync<long>(new Sql("SELECT version FROM alerts"), null, CancellationToken.None);
        Assert.That(versions, Is.All.EqualTo(1L));
    }

    [Test, Order(3)]
    public async Task The_morning_digest_gives_each_user_one_message_once_a_day()
    {
        await using var second = new ApiFactory(Api.Database, services: ConfigureServices);
        var runs = await Task.WhenAll(new[] { Api, second }.Select(h => h.Client("admin").PostAsync("/api/alerts/digest", null)));
        var results = new List<System.Text.Json.JsonElement>();
        foreach (var r in runs) results.Add(await r.Expect(HttpStatusCode.OK));
        Assert.That(results.Select(r => r.GetProperty("skipped").GetBoolean()), Is.All.False, "Monday 2026-03-02 is a working day");
        Assert.That(results.Sum(r => r.GetProperty("messages").GetInt32()), Is.EqualTo(8), "two users, four channels, once across two servers");

        var before = _receivers.WeComAccepted.Count;
        await Task.WhenAll(Api.Services.GetRequiredService<AlertSender>().RunAsync(CancellationToken.None),
            second.Services.GetRequiredService<AlertSender>().RunAsync(CancellationToken.None));
        var digests = _receivers.WeComAccepted.Skip(0).Select(b => JsonDocument.Parse(b).RootElement.GetProperty("markdown").Str("content"))
            .Where(c => c.Contains("【每日预警】")).ToList();
        Assert.That(_receivers.WeComAccepted.Count - before, Is.EqualTo(2));
        var clerk = digests.Single(d => d.Contains("王芳"));
        Assert.That(clerk, Does.Contain("已超期 1 项，即将到期 1 项"));
        Assert.That(clerk.Split('\n').Count(l => l.Contains("星空网吧 网吧设立申请")), Is.EqualTo(1), "one digest line for the overdue application");
        var supervisor = digests.Single(d => d.Contains("刘洋"));
        Assert.That(supervisor, Does.Contain("已超期 1 项，即将到期 0 项").And.Contain("星空网吧"));
    }

    [TestCase("2026-02-17T08:30:00+08:00", true, TestName = "No digest on a Spring Festival holiday")]
    [TestCase("2026-03-07T08:30:00+08:00", true, TestName = "No digest on an ordinary Saturday")]
    [TestCase("2026-02-28T08:30:00+08:00", false, TestName = "A digest on the make-up working Saturday")]
    public async Task The_digest_follows_the_office_calendar(string at, bool skipped)
    {
        await using var host = new ApiFactory(Api.Database, services: s =>
        {
            ConfigureServices(s);
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
        });
        var result = await (await host.Client("admin").PostAsync("/api/alerts/digest", null)).Expect(HttpStatusCode.OK);
        Assert.That(result.Str("day"), Is.EqualTo(at[..10]));
        Assert.That(result.GetProperty("skipped").GetBoolean(), Is.EqualTo(skipped));
        if (skipped) Assert.That(result.GetProperty("messages").GetInt32(), Is.Zero);
    }

    [TestCase("officer")]
    [TestCase("supervisor")]
    public async Task Only_admins_see_channels_and_deliveries(string role)
    {
        await (await Api.Client(role).GetAsync("/api/alerts/deliveries")).Expect(HttpStatusCode.Forbidden);
        await (await Api.Client(role).GetAsync("/api/notification-channels")).Expect(HttpStatusCode.Forbidden);
    }
}
