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
/// Sends the outbox (<see cref="AlertDeliveries"/>): claims due rows in one UPDATE that only takes rows nobody holds
/// (claimed_until in the past), so two servers never send the same message; sends each outside any transaction;
/// records the attempt; and on failure waits Alerts:FirstRetrySeconds, doubled at each further failure, until
/// Alerts:MaxAttempts. It reads and writes only the outbox tables: a failing channel never touches the alert.
/// </summary>
public sealed class AlertSender(DbConnectionFactory factory, AlertOptions options, IHttpClientFactory http, TimeProvider clock, ILogger<AlertSender> log)
{
    public const string Id = "alert-delivery";
    public const int Batch = 50;

    private static readonly Sql Claim = new(d => $"""
        UPDATE alert_deliveries SET claimed_until = @Until, claim_id = @Claim
        WHERE status = 'pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
          AND id IN (SELECT id FROM alert_deliveries
                     WHERE status = 'pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until < @Now)
                     ORDER BY next_attempt_at, id
                     {d.Limit("@Take")})
        """);

    private static readonly Sql Claimed = new("""
        SELECT d.id, d.alert_id, d.title, d.body, d.attempts, c.id AS channel_id, c.kind, c.target, c.secret
        FROM alert_deliveries d JOIN notification_channels c ON c.id = d.channel_id
        WHERE d.claim_id = @Claim
        ORDER BY d.next_attempt_at, d.id
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
        public int Attempts { get; init; }
        public Guid ChannelId { get; init; }
        public string Kind { get; init; } = "";
        public string Target { get; init; } = "";
        public string? Secret { get; init; }
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
            await using (var db = new DbSession(factory))
            {
                var taken = await db.ExecuteAsync(Claim, new { Until = now.AddSeconds(options.ClaimSeconds), Claim = claim, Now = now, Take = Batch }, ct);
                if (taken == 0) break;
                batch = (await db.QueryAsync<Message>(Claimed, new { Claim = claim }, ct)).ToList();
            }
            foreach (var m in batch)
                if (await SendOneAsync(m, claim, ct)) sent++;
            if (batch.Count < Batch) break;
        }
        return sent;
    }

    private async Task<bool> SendOneAsync(Message m, Guid claim, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.SendTimeoutSeconds));
            await (m.Kind switch
            {
                "wecom" => PostAsync(m.Target, WeCom(m), null, timeout.Token),
                "dingtalk" => PostAsync(DingTalkAddress(m.Target, m.Secret), DingTalk(m), null, timeout.Token),
                "webhook" => PostAsync(m.Target, Webhook(m), m.Secret, timeout.Token, m.Id),
                "email" => MailAsync(m, timeout.Token),
                _ => throw new InvalidOperationException($"unknown channel kind {m.Kind}"),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            error = AlertText.Clip($"{e.GetType().Name}: {e.Message}", 1000);
            log.LogWarning("Delivery {Delivery} through {Kind} failed: {Error}", m.Id, m.Kind, error);
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
        if (error is null)
            await db.ExecuteAsync(Done, new { m.Id, Claim = claim, At = at }, ct);
        else
        {
            var attempts = m.Attempts + 1;
            var wait = TimeSpan.FromSeconds(options.FirstRetrySeconds * Math.Pow(2, attempts - 1));
            await db.ExecuteAsync(Again, new
            {
                m.Id, Claim = claim, Error = error, Next = at + wait,
                Status = attempts >= options.MaxAttempts ? AlertDeliveries.Failed : AlertDeliveries.Pending,
            }, ct);
        }
        await db.CommitAsync(ct);
        return error is null;
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>企业微信群机器人: markdown message.</summary>
    public static string WeCom(string body) =>
        new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = body } }.ToJsonString(Json);

    private static string WeCom(Message m) => WeCom(m.Body);

    /// <summary>钉钉自定义机器人: markdown message with a title.</summary>
    private static string DingTalk(Message m) =>
        new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = m.Title, ["text"] = m.Body } }.ToJsonString(Json);

    /// <summary>With a secret (加签), DingTalk wants timestamp and sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).</summary>
    private string DingTalkAddress(string target, string? secret)
    {
        if (string.IsNullOrEmpty(secret)) return target;
        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        return $"{target}{(target.Contains('?') ? '&' : '?')}timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}";
    }

    private static string Webhook(Message m) => new JsonObject
    {
        ["type"] = m.AlertId is null ? "digest" : "alert",
        ["deliveryId"] = m.Id.ToString("D"),
        ["alertId"] = m.AlertId?.ToString("D"),
        ["title"] = m.Title,
        ["text"] = m.Body,
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

    private async Task MailAsync(Message m, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.SmtpHost)) throw new InvalidOperationException("Alerts:SmtpHost is not configured");
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(options.MailFrom));
        foreach (var to in AlertDeliveries.Addresses(m.Target)) mail.To.Add(MailboxAddress.Parse(to));
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
