using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>One attempt to send a message: when, how it ended, and the channel's error if it failed.</summary>
public sealed record DeliveryAttemptDto
{
    public DateTimeOffset AttemptedAt { get; init; }
    public string Status { get; init; } = "";
    public string? Error { get; init; }
    public long DurationMs { get; init; }
}

/// <summary>A message of the outbox through one channel, with its attempts.</summary>
public sealed record DeliveryDto
{
    public Guid Id { get; init; }
    public Guid ChannelId { get; init; }
    public string ChannelKind { get; init; } = "";
    public string ChannelName { get; init; } = "";
    public Guid? AlertId { get; init; }
    public string? UserId { get; init; }
    public DateOnly? DigestOn { get; init; }
    public string Title { get; init; } = "";
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<DeliveryAttemptDto> AttemptLog { get; init; } = [];
}

/// <summary>Messages sent, waiting or given up 通知发送记录, newest first, through the channels of the caller's jurisdiction.</summary>
public static class ListDeliveries
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Query : IQuery<IReadOnlyList<DeliveryDto>>
    {
        [OneOf("pending", "sent", "failed")] public string? Status { get; init; }
        public int? Limit { get; init; }
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(x => x.Status).Must(s => s is null or AlertDeliveries.Pending or AlertDeliveries.Sent or AlertDeliveries.Failed)
                .Says("状态应为 pending（待发送）、sent（已发送）或 failed（已放弃）", "Status must be pending, sent or failed");
            RuleFor(x => x.Limit).IsPageSize(200);
        }
    }

    private static readonly Sql Select = new(d => $"""
        SELECT d.id, d.channel_id, c.kind AS channel_kind, c.name AS channel_name, d.alert_id, d.user_id, d.digest_on, d.title, d.status,
               d.attempts, d.next_attempt_at, d.sent_at, d.last_error, d.created_at
        FROM alert_deliveries d JOIN notification_channels c ON c.id = d.channel_id
        WHERE c.jurisdiction BETWEEN @First AND @Last AND (@Status IS NULL OR d.status = @Status)
        ORDER BY d.created_at DESC, d.id DESC
        {d.Limit("@Take")}
        """);

    private static readonly Sql Attempts = new(d => $"""
        SELECT delivery_id, attempted_at, status, error, duration_ms FROM delivery_attempts
        WHERE {d.IdIn("delivery_id", "@Ids")} ORDER BY attempted_at, id
        """);

    private sealed record AttemptRow
    {
        public Guid DeliveryId { get; init; }
        public DateTimeOffset AttemptedAt { get; init; }
        public string Status { get; init; } = "";
        public string? Error { get; init; }
        public long DurationMs { get; init; }
    }

    public sealed class Handler(DbSession db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<DeliveryDto>>
    {
        public async ValueTask<IReadOnlyList<DeliveryDto>> Handle(Query query, CancellationToken ct)
        {
            var range = Jurisdiction.Range(user.Jurisdiction);
            var rows = await db.QueryAsync<DeliveryDto>(Select, new { range.First, range.Last, query.Status, Take = query.Limit ?? 50 }, ct);
            if (rows.Count == 0) return rows;
            var attempts = (await db.QueryAsync<AttemptRow>(Attempts, new { Ids = ClockRows.IdList(rows.Select(r => r.Id)) }, ct)).ToLookup(a => a.DeliveryId);
            return rows.Select(r => r with
            {
                AttemptLog = attempts[r.Id].Select(a => new DeliveryAttemptDto
                {
                    AttemptedAt = a.AttemptedAt, Status = a.Status, Error = a.Error, DurationMs = a.DurationMs,
                }).ToList(),
            }).ToList();
        }
    }
}
