using System.Globalization;
using System.Text;
using System.Text.Json;
using Inspections.Core.Data;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// The outbox of alert messages 通知发送: in the transaction that tells people of an alert (or escalates it), one row
/// per enabled channel of the alert's jurisdiction — the alert's own and, for a town's alert, its district's; for an
/// escalation, the city's above the district too — keyed "alert:{id}:{wave}:{channel}" and inserted unless present, so
/// racing scanners write each message once. The text is rendered here (markdown, with the link to the item under
/// Alerts:PublicBaseUrl); the sender only wraps it in each channel's format and never touches the alert.
/// </summary>
public static class AlertDeliveries
{
    public const string Raised = "raised";
    public const string Escalated = "escalated";

    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>E-mail addresses of a channel's target, separated by commas or semicolons.</summary>
    public static IReadOnlyList<string> Addresses(string target) =>
        target.Split([',', ';', '，', '；'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private sealed record AlertRow
    {
        public Guid Id { get; init; }
        public string SubjectType { get; init; } = "";
        public Guid SubjectId { get; init; }
        public string Jurisdiction { get; init; } = "";
        public string Kind { get; init; } = "";
        public DateOnly DueDate { get; init; }
        public string Title { get; init; } = "";
        public string Message { get; init; } = "";
    }

    internal sealed record ChannelRow
    {
        public Guid Id { get; init; }
        public string Jurisdiction { get; init; } = "";
    }

    private sealed record NamedRecipient
    {
        public Guid AlertId { get; init; }
        public string UserId { get; init; } = "";
        public string Reason { get; init; } = "";
        public string? DisplayName { get; init; }
    }

    private static readonly Sql Alerts = new(d => $"""
        SELECT id, subject_type, subject_id, jurisdiction, kind, due_date, title, message FROM alerts WHERE {d.IdIn("id", "@Ids")}
        """);

    /// <summary>The channels that take new messages: enabled, not deleted, of the jurisdictions <paramref name="codes"/>.</summary>
    internal static async Task<IReadOnlyList<ChannelRow>> ChannelsOfAsync(DbSession db, IReadOnlyCollection<string> codes, CancellationToken ct) =>
        codes.Count == 0 ? [] : await db.QueryAsync<ChannelRow>(Channels, new { Yes = true, Codes = JsonSerializer.Serialize(codes) }, ct);

    private static readonly Sql Channels = new(d => $"""
        SELECT id, jurisdiction FROM notification_channels
        WHERE enabled = @Yes AND deleted_at IS NULL AND {AlertRecipients.TextIn(d, "jurisdiction", "@Codes")}
        """);

    private static readonly Sql Recipients = new(d => $"""
        SELECT r.alert_id, r.user_id, r.reason, u.display_name
        FROM alert_recipients r LEFT JOIN users u ON u.id = r.user_id
        WHERE {d.IdIn("r.alert_id", "@Ids")}
        ORDER BY r.alert_id, r.added_at, r.user_id
        """);

    internal const string Columns =
        "id, dedupe_key, channel_id, alert_id, user_id, digest_on, title, body, recipients, status, attempts, next_attempt_at, claimed_until, claim_id, sent_at, last_error, created_at";

    internal static readonly Sql Insert = new(d => d.InsertIfAbsent("alert_deliveries", Columns,
        $"@Id, @DedupeKey, @ChannelId, @AlertId, @UserId, @DigestOn, @Title, @Body, @Recipients, '{Pending}', 0, @Now, NULL, NULL, NULL, NULL, @Now", "dedupe_key"));

    /// <summary>The recipients column: the user ids a message is for, as a JSON array.</summary>
    internal static string RecipientList(IEnumerable<string> userIds) => JsonSerializer.Serialize(userIds.Distinct().ToArray());

    /// <summary>Who a wave's message is for: the leadership for an escalation, everyone else told for the alert raised.</summary>
    private static bool IsFor(string wave, string reason) => wave == Escalated ? reason == AlertRecipients.Leadership : reason != AlertRecipients.Leadership;


    private static string[] ChannelCodes(string jurisdiction, string wave)
    {
        var district = AlertRecipients.DistrictOf(jurisdiction);
        var codes = new List<string> { jurisdiction, district };
        if (wave == Escalated && Jurisdiction.Parent(district) is { } above) codes.Add(above);
        return codes.Distinct().ToArray();
    }

    /// <summary>Writes the messages of <paramref name="wave"/> for the alerts <paramref name="alertIds"/>; returns the rows new now.</summary>
    public static async Task<int> EnqueueAsync(DbSession db, AlertOptions options, IReadOnlyCollection<Guid> alertIds, string wave,
        DateTimeOffset now, CancellationToken ct)
    {
        if (alertIds.Count == 0) return 0;
        var ids = ClockRows.IdList(alertIds);
        var alerts = await db.QueryAsync<AlertRow>(Alerts, new { Ids = ids }, ct);
        var codes = alerts.SelectMany(a => ChannelCodes(a.Jurisdiction, wave)).Distinct().ToArray();
        var channels = await ChannelsOfAsync(db, codes, ct);
        if (channels.Count == 0) return 0;
        var told = (await db.QueryAsync<NamedRecipient>(Recipients, new { Ids = ids }, ct)).ToLookup(r => r.AlertId);
        var written = 0;
        foreach (var a in alerts)
        {
            var mine = ChannelCodes(a.Jurisdiction, wave);
            var (title, body) = Render(a, told[a.Id].ToList(), wave, options);
            var recipients = RecipientList(told[a.Id].Where(r => IsFor(wave, r.Reason)).Select(r => r.UserId));
            foreach (var c in channels.Where(c => mine.Contains(c.Jurisdiction)))
                written += await db.ExecuteAsync(Insert, new
                {
                    Id = Guid.CreateVersion7(now), DedupeKey = $"alert:{a.Id:D}:{wave}:{c.Id:D}", ChannelId = c.Id, AlertId = (Guid?)a.Id,
                    UserId = (string?)null, DigestOn = (DateOnly?)null, Title = title, Body = body, Recipients = recipients, Now = now,
                }, ct);
        }
        return written;
    }

    private static string KindText(string kind) => kind == "overdue" ? "已超期" : "即将到期";

    public static string ReasonText(string reason) => reason switch
    {
        AlertRecipients.Responsible => "责任人",
        AlertRecipients.Holder => "经办人",
        AlertRecipients.Supervisor => "科长",
        AlertRecipients.Leadership => "上级领导",
        _ => reason,
    };

    private static (string Title, string Body) Render(AlertRow a, List<NamedRecipient> told, string wave, AlertOptions options)
    {
        var head = wave == Escalated ? "超期升级" : KindText(a.Kind);
        var title = Clip($"【{head}】{a.Title}", 200);
        var body = new StringBuilder()
            .Append("**").Append(title).Append("**\n\n")
            .Append("> 到期日：").Append(a.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\n\n")
            .Append(a.Message).Append("\n\n");
        if (told.Count > 0)
            body.Append("通知：").Append(string.Join("、", told.Select(r => $"{r.DisplayName ?? r.UserId}（{ReasonText(r.Reason)}）"))).Append("\n\n");
        body.Append("[打开办件](").Append(options.LinkTo(a.SubjectType, a.SubjectId)).Append(')');
        return (title, body.ToString());
    }

    internal static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}
