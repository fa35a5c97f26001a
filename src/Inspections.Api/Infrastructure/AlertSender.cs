using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// Sends the outbox (<see cref="AlertDeliveries"/>): claims due rows of enabled channels in one UPDATE that only takes
/// rows nobody holds (claimed_until in the past), under a claim id of its own; sends each outside any transaction;
/// records the attempt; and on failure waits Alerts:FirstRetrySeconds, doubled at each further failure, until
/// Alerts:MaxAttempts. It reads and writes only the outbox tables: a failing channel never touches the alert.
/// <para>
/// The claim id is a fencing token. Before each message the sender renews that message's lease under its claim id —
/// a message another server took over meanwhile (its lease lapsed while earlier ones were sent) is left to that
/// server — and while the message is in flight it renews the lease every third of Alerts:ClaimSeconds. The send is
/// cancelled when the lease it holds would run out (a renewal that fails, e.g. the database unreachable), and in any
/// case after Alerts:SendTimeoutSeconds: no send outlives its claim, so no other server sends the same message at
/// the same time. The result is recorded only under the same claim id.
/// </para>
/// </summary>
public sealed class AlertSender(DbConnectionFactory factory, AlertOptions options, IHttpClientFactory http, TimeProvider clock, ILogger<AlertSender> log)
{
    public const string Id = "alert-delivery";
    public const int Batch = 50;

    private static readonly Sql Claim = new(d => $"""
        UPDATE alert_deliveries SET claimed_until = @Until, claim_id = @Claim
        WHERE status = 'pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
          AND id IN (SELECT d.id FROM alert_deliveries d JOIN notification_channels c ON c.id = d.channel_id
                     WHERE d.status = 'pending' AND d.next_attempt_at <= @Now AND (d.claimed_until IS NULL OR d.claimed_until < @Now)
                       AND c.enabled = @Yes AND c.deleted_at IS NULL
                     ORDER BY d.next_attempt_at, d.id
                     {d.Limit("@Take")})
        """);

    private static readonly Sql Claimed = new("""
        SELECT d.id, d.alert_id, d.title, d.body, d.recipients, d.attempts, c.id AS channel_id, c.kind, c.target, c.secret
        FROM alert_deliveries d JOIN notification_channels c ON c.id = d.channel_id
        WHERE d.claim_id = @Claim
        ORDER BY d.next_attempt_at, d.id
        """);

    private static readonly Sql People = new(d => $"""
        SELECT id, email, wecom_user_id, dingtalk_user_id FROM users WHERE {AlertRecipients.TextIn(d, "id", "@Ids")}
        """);

    /// <summary>Holds a message a while longer, only while the claim is still this sender's (the fencing token).</summary>
    private static readonly Sql Renew = new("""
        UPDATE alert_deliveries SET claimed_until = @Until WHERE id = @Id AND claim_id = @Claim AND status = 'pending'
        """);

    private static readonly Sql Attempt = new("""
        INSERT INTO delivery_attempts (id, delivery_id, channel_id, attempted_at, status, error, duration_ms)
        VALUES (@Id, @DeliveryId, @ChannelId, @At, @Status, @Error, @DurationMs)
        """);

    private static readonly Sql Done = new("""
        UPDATE alert_deliveries SET status = 'sent', attempts = attempts + 1, sent_at = @At, claimed_until = NULL, claim_id = NULL, last_error = NULL
        WHERE id = @Id AND claim_id = @Claim
        """);

    private static readonly Sql Again = new("""
        UPDATE alert_deliveries SET status = @Status, attempts = attempts + 1, next_attempt_at = @Next, claimed_until = NULL, claim_id = NULL,
               last_error = @Error
        WHERE id = @Id AND claim_id = @Claim
        """);

    private sealed record Message
    {
        public Guid Id { get; init; }
        public Guid? AlertId { get; init; }
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public string? Recipients { get; init; }
        public int Attempts { get; init; }
        public Guid ChannelId { get; init; }
        public string Kind { get; init; } = "";
        public string Target { get; init; } = "";
        public string? Secret { get; init; }
    }

    /// <summary>Where a recipient is reached, as their account reads now.</summary>
    private sealed record Person
    {
        public string Id { get; init; } = "";
        public string? Email { get; init; }
        public string? WeComUserId { get; init; }
        public string? DingTalkUserId { get; init; }
    }

    /// <summary>Sends what is due now, batch after batch; returns the messages sent.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var claim = Guid.NewGuid();
            var now = clock.GetUtcNow();
            List<Message> batch;
            Dictionary<string, Person> people;
            await using (var db = new DbSession(factory))
            {
                var taken = await db.ExecuteAsync(Claim, new { Until = now.AddSeconds(options.ClaimSeconds), Claim = claim, Now = now, Take = Batch, Yes = true }, ct);
                if (taken == 0) break;
                batch = (await db.QueryAsync<Message>(Claimed, new { Claim = claim }, ct)).ToList();
                var ids = batch.SelectMany(m => RecipientsOf(m)).Distinct().ToArray();
                people = ids.Length == 0 ? [] : (await db.QueryAsync<Person>(People, new { Ids = JsonSerializer.Serialize(ids) }, ct))
                    .ToDictionary(p => p.Id, StringComparer.Ordinal);
            }
            foreach (var m in batch)
                if (await SendOneAsync(m, RecipientsOf(m).Select(people.GetValueOrDefault).OfType<Person>().ToList(), claim, ct)) sent++;
            if (batch.Count < Batch) break;
        }
        return sent;
    }

    private static string[] RecipientsOf(Message m) =>
        string.IsNullOrEmpty(m.Recipients) ? [] : JsonSerializer.Deserialize<string[]>(m.Recipients) ?? [];

    /// <summary>Renews the message's lease under <paramref name="claim"/>; false when it is no longer this sender's.</summary>
    private async Task<bool> RenewAsync(Guid id, Guid claim, CancellationToken ct)
    {
        await using var db = new DbSession(factory);
        return await db.ExecuteAsync(Renew, new { Id = id, Claim = claim, Until = clock.GetUtcNow().AddSeconds(options.ClaimSeconds) }, ct) == 1;
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(options.ClaimSeconds);

    private async Task<bool> SendOneAsync(Message m, IReadOnlyList<Person> people, Guid claim, CancellationToken ct)
    {
        // Taken over by another server while earlier messages of the batch were sent: theirs now, not sent here.
        if (!await RenewAsync(m.Id, claim, ct))
        {
            log.LogInformation("Delivery {Delivery} was taken over by another sender; skipped", m.Id);
            return false;
        }
        var started = clock.GetTimestamp();
        string? error = null;
        // The send stops before the lease it holds could run out (two thirds of it from the last renewal) and after
        // Alerts:SendTimeoutSeconds in any case; the heartbeat renews the lease and pushes the first limit on.
        using var limit = new CancellationTokenSource(Lease * 2 / 3, clock);
        using var send = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
        using var total = new CancellationTokenSource(TimeSpan.FromSeconds(options.SendTimeoutSeconds), clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(send.Token, total.Token);
        using var stopBeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(m.Id, claim, limit, stopBeat.Token);
        try
        {
            await (m.Kind switch
            {
                "wecom" => PostAsync(m.Target, WeCom(m.Body, people), null, sending.Token),
                "dingtalk" => PostAsync(DingTalkAddress(m.Target, m.Secret), DingTalk(m, people), null, sending.Token),
                "webhook" => PostAsync(m.Target, Webhook(m, people), m.Secret, sending.Token, m.Id),
                "email" => MailAsync(m, people, sending.Token),
                _ => throw new InvalidOperationException($"unknown channel kind {m.Kind}"),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = AlertText.Clip(limit.IsCancellationRequested ? $"发送未在租约内完成，已中止 the send outlasted its claim: {e.Message}"
                : total.IsCancellationRequested ? $"发送超时 timed out after {options.SendTimeoutSeconds} s: {e.Message}"
                : $"{e.GetType().Name}: {e.Message}", 1000);
            log.LogWarning("Delivery {Delivery} through {Kind} failed: {Error}", m.Id, m.Kind, error);
        }
        finally
        {
            await stopBeat.CancelAsync();
            await heartbeat;
        }
        var at = clock.GetUtcNow();
        var duration = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        await using var db = new DbSession(factory);
        await db.BeginAsync(ct);
        await db.ExecuteAsync(Attempt, new
        {
            Id = Guid.CreateVersion7(at), DeliveryId = m.Id, m.ChannelId, At = at, Status = error is null ? AlertDeliveries.Sent : AlertDeliveries.Failed,
            Error = error, DurationMs = duration,
        }, ct);
        int recorded;
        if (error is null)
            recorded = await db.ExecuteAsync(Done, new { m.Id, Claim = claim, At = at }, ct);
        else
        {
            var attempts = m.Attempts + 1;
            var wait = TimeSpan.FromSeconds(options.FirstRetrySeconds * Math.Pow(2, attempts - 1));
            recorded = await db.ExecuteAsync(Again, new
            {
                m.Id, Claim = claim, Error = error, Next = at + wait,
                Status = attempts >= options.MaxAttempts ? AlertDeliveries.Failed : AlertDeliveries.Pending,
            }, ct);
        }
        await db.CommitAsync(ct);
        if (recorded == 0) log.LogWarning("Delivery {Delivery}: the claim was lost before its result was recorded", m.Id);
        return error is null;
    }

    /// <summary>While a message is in flight: renews its lease every third of it, and moves the send's limit on after each renewal.</summary>
    private async Task HeartbeatAsync(Guid id, Guid claim, CancellationTokenSource limit, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Lease / 3, clock, stop);
                if (!await RenewAsync(id, claim, stop)) return; // lost: the limit runs out and the send stops
                limit.CancelAfter(Lease * 2 / 3);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            log.LogWarning("Delivery {Delivery}: the lease could not be renewed ({Error}); the send stops before it runs out", id, e.Message);
        }
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>企业微信群机器人: markdown message; the recipients with a WeCom id are @-mentioned in it (markdown's &lt;@userid&gt;).</summary>
    private static string WeCom(string body, IReadOnlyList<Person> people)
    {
        var ids = people.Select(p => p.WeComUserId).OfType<string>().Where(i => i.Length > 0).Distinct().ToList();
        var content = ids.Count == 0 ? body : body + "\n\n" + string.Join(" ", ids.Select(i => $"<@{i}>"));
        return new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = content } }.ToJsonString(Json);
    }

    /// <summary>钉钉自定义机器人: markdown message with a title; the recipients with a DingTalk id are @-mentioned (at.atUserIds, and @id in the text).</summary>
    private static string DingTalk(Message m, IReadOnlyList<Person> people)
    {
        var ids = people.Select(p => p.DingTalkUserId).OfType<string>().Where(i => i.Length > 0).Distinct().ToList();
        var text = ids.Count == 0 ? m.Body : m.Body + "\n\n" + string.Join(" ", ids.Select(i => $"@{i}"));
        return new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = m.Title, ["text"] = text },
            ["at"] = new JsonObject { ["atUserIds"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)).ToArray()), ["isAtAll"] = false },
        }.ToJsonString(Json);
    }

    /// <summary>With a secret (加签), DingTalk wants timestamp and sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).</summary>
    private string DingTalkAddress(string target, string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return target;
        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        return $"{target}{(target.Contains('?') ? '&' : '?')}timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}";
    }

    private static string Webhook(Message m, IReadOnlyList<Person> people) => new JsonObject
    {
        ["type"] = m.AlertId is null ? "digest" : "alert",
        ["deliveryId"] = m.Id.ToString("D"),
        ["alertId"] = m.AlertId?.ToString("D"),
        ["title"] = m.Title,
        ["text"] = m.Body,
        ["recipients"] = new JsonArray(RecipientsOf(m).Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
    }.ToJsonString(Json);

    /// <summary>The webhook's signature header value: "sha256=" and the hex HMAC-SHA256 of the body under the channel's secret.</summary>
    public static string Signature(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public const string SignatureHeader = "X-Inspections-Signature";

    private async Task PostAsync(string address, string json, string? secret, CancellationToken ct, Guid? deliveryId = null)
    {
        using var client = http.CreateClient(Id);
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (!string.IsNullOrEmpty(secret)) request.Headers.Add(SignatureHeader, Signature(secret, json));
        if (deliveryId is { } d) request.Headers.Add("X-Inspections-Delivery", d.ToString("D"));
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {AlertText.Clip(text, 300)}");
        // The robots answer 200 with {"errcode":…}: anything but 0 is a refusal (a wrong key, a rate limit).
        if (text.TrimStart().StartsWith('{') && JsonNode.Parse(text) is JsonObject o && o["errcode"] is JsonValue code && code.GetValue<int>() != 0)
            throw new HttpRequestException($"errcode {code.GetValue<int>()}: {o["errmsg"]}");
    }

    /// <summary>
    /// Whom an e-mail goes to: each recipient at their own address; the channel's addresses when the message has no
    /// recipient, or some recipient has no address of their own (so nobody is left untold).
    /// </summary>
    private static IReadOnlyList<string> MailTo(Message m, IReadOnlyList<Person> people)
    {
        var own = people.Select(p => p.Email).OfType<string>().Where(e => e.Length > 0).ToList();
        var everyoneHasOne = RecipientsOf(m).Length > 0 && own.Count == people.Count && people.Count == RecipientsOf(m).Length;
        return (everyoneHasOne ? own : own.Concat(AlertDeliveries.Addresses(m.Target))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task MailAsync(Message m, IReadOnlyList<Person> people, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.SmtpHost)) throw new InvalidOperationException("Alerts:SmtpHost is not configured");
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(options.MailFrom));
        foreach (var to in MailTo(m, people)) mail.To.Add(MailboxAddress.Parse(to));
        mail.Subject = m.Title;
        mail.Headers.Add("X-Inspections-Delivery", m.Id.ToString("D"));
        mail.Body = new TextPart("plain") { Text = m.Body };
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, options.SmtpStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(options.SmtpUser)) await smtp.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
        await smtp.SendAsync(mail, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}

/// <summary>The Hangfire job: thin, it runs the sender.</summary>
public sealed class AlertDeliveryJob(AlertSender sender)
{
    public async Task RunAsync(CancellationToken ct) => await sender.RunAsync(ct);
}

internal static class AlertText
{
    public static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
