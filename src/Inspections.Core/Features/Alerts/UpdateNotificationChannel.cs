using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>
/// An administrator changes a channel 修改通知渠道 — its kind, name, address, secret — or disables it 停用 (Enabled =
/// false: no new message is written for it, and its waiting messages wait until it is enabled again). The secret is
/// kept when none is sent. The caller sends the version they read (stale → 409).
/// </summary>
public static class UpdateNotificationChannel
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<NotificationChannelDto>, IChannelFacts
    {
        [RouteValue] public Guid Id { get; init; }
        [OneOf("wecom", "dingtalk", "webhook", "email")] public string? Kind { get; init; }
        public string? Name { get; init; }
        /// <summary>The robot's or webhook's https address, or the e-mail addresses separated by commas.</summary>
        public string? Target { get; init; }
        /// <summary>A new secret; left out or empty, the one set stays (it is never shown).</summary>
        public string? Secret { get; init; }
        /// <summary>True to remove the secret.</summary>
        public bool? ClearSecret { get; init; }
        public bool? Enabled { get; init; }
        public long? Version { get; init; }
    }

    public sealed class Validator : ChannelFactsValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Enabled).NotNull().Named("启用", "Enabled");
            RuleFor(x => x.Version).IsVersion();
        }
    }

    private static readonly Sql Update = new("""
        UPDATE notification_channels SET kind = @Kind, name = @Name, target = @Target,
            secret = CASE WHEN @ClearSecret = @Yes THEN NULL WHEN @Secret IS NULL THEN secret ELSE @Secret END,
            enabled = @Enabled, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version AND deleted_at IS NULL
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, NotificationChannelDto>
    {
        public async ValueTask<NotificationChannelDto> Handle(Command command, CancellationToken ct)
        {
            var current = await ChannelRecord.LoadAsync(db, user, command.Id, ct);
            var changed = await db.ExecuteAsync(Update, new
            {
                command.Id, command.Kind, Name = command.Name!.Trim(), Target = command.Target!.Trim(),
                Secret = string.IsNullOrEmpty(command.Secret) ? null : command.Secret, ClearSecret = command.ClearSecret == true, Yes = true,
                Enabled = command.Enabled!.Value, Now = clock.GetUtcNow(), Version = command.Version!.Value,
            }, ct);
            if (changed == 0) throw ConflictException.StaleVersion("通知渠道", "notification channel", command.Version!.Value, current.Version);
            db.AuditAbout("notification-channel", command.Id);
            return (await db.QuerySingleOrDefaultAsync<NotificationChannelDto>(CreateNotificationChannel.SelectOne, new { command.Id }, ct))!;
        }
    }
}
