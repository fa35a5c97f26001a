using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// An administrator deletes a channel 删除通知渠道: it is no longer listed and gets no message again; the messages
/// waiting for it are given up (status failed, "渠道已删除"); what it sent and its attempts stay on record. The caller
/// sends the version they read (stale → 409).
/// </summary>
public static class DeleteNotificationChannel
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<NotificationChannelDto>
    {
        [RouteValue] public Guid Id { get; init; }
        public long? Version { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.Version).IsVersion();
    }

    private static readonly Sql Delete = new("""
        UPDATE notification_channels SET enabled = @No, deleted_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version AND deleted_at IS NULL
        """);

    private static readonly Sql GiveUp = new($"""
        UPDATE alert_deliveries SET status = '{AlertDeliveries.Failed}', last_error = @Error, claimed_until = NULL, claim_id = NULL
        WHERE channel_id = @Id AND status = '{AlertDeliveries.Pending}'
        """);

    private static readonly Sql SelectDeleted = new($"SELECT {NotificationChannelDto.Columns} FROM notification_channels WHERE id = @Id");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, NotificationChannelDto>
    {
        public async ValueTask<NotificationChannelDto> Handle(Command command, CancellationToken ct)
        {
            var current = await ChannelRecord.LoadAsync(db, user, command.Id, ct);
            var now = clock.GetUtcNow();
            var changed = await db.ExecuteAsync(Delete, new { command.Id, No = false, Now = now, Version = command.Version!.Value }, ct);
            if (changed == 0) throw ConflictException.StaleVersion("通知渠道", "notification channel", command.Version!.Value, current.Version);
            await db.ExecuteAsync(GiveUp, new { command.Id, Error = "渠道已删除 the channel was deleted" }, ct);
            db.AuditAbout("notification-channel", command.Id);
            return (await db.QuerySingleOrDefaultAsync<NotificationChannelDto>(SelectDeleted, new { command.Id }, ct))!;
        }
    }
}
