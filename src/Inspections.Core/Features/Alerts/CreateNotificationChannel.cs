using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Alerts;

/// <summary>A channel alerts are sent through 通知渠道; the secret is never shown, only whether one is set.</summary>
public sealed record NotificationChannelDto
{
    public Guid Id { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Target { get; init; } = "";
    public bool HasSecret { get; init; }
    public bool Enabled { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    internal const string Columns = """
        id, jurisdiction, kind, name, target, CASE WHEN secret IS NULL THEN 0 ELSE 1 END AS has_secret, enabled, created_at, updated_at, version
        """;
}

/// <summary>
/// An administrator adds a channel of their jurisdiction (or one below it): a WeCom 企业微信 or DingTalk 钉钉 group robot
/// (its webhook address), a JSON webhook (signed with the secret), or e-mail (target: addresses separated by commas).
/// Alerts of the jurisdiction — and of its towns, for a district's channel — are sent through it.
/// </summary>
public static class CreateNotificationChannel
{
    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<NotificationChannelDto>, IChannelFacts
    {
        /// <summary>The jurisdiction whose alerts it carries; left out, the caller's.</summary>
        public string? Jurisdiction { get; init; }
        [OneOf("wecom", "dingtalk", "webhook", "email")] public string? Kind { get; init; }
        public string? Name { get; init; }
        /// <summary>The robot's or webhook's https address, or the e-mail addresses separated by commas.</summary>
        public string? Target { get; init; }
        /// <summary>DingTalk's signing secret (加签), or the webhook's HMAC key; never shown again.</summary>
        public string? Secret { get; init; }
        public bool? Enabled { get; init; }
    }

    public sealed class Validator : ChannelFactsValidator<Command>
    {
        public Validator() => RuleFor(x => x.Jurisdiction).IsJurisdictionCode().When(x => x.Jurisdiction is not null);
    }

    private static readonly Sql Insert = new("""
        INSERT INTO notification_channels (id, jurisdiction, kind, name, target, secret, enabled, created_at, updated_at, version)
        VALUES (@Id, @Jurisdiction, @Kind, @Name, @Target, @Secret, @Enabled, @Now, @Now, 1)
        """);

    internal static readonly Sql SelectOne = new($"SELECT {NotificationChannelDto.Columns} FROM notification_channels WHERE id = @Id AND deleted_at IS NULL");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, NotificationChannelDto>
    {
        public async ValueTask<NotificationChannelDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = command.Jurisdiction ?? user.Jurisdiction;
            user.EnsureCanChange(jurisdiction);
            var id = Guid.CreateVersion7(clock.GetUtcNow());
            await db.ExecuteAsync(Insert, new
            {
                Id = id, Jurisdiction = jurisdiction, command.Kind, Name = command.Name!.Trim(), Target = command.Target!.Trim(),
                Secret = string.IsNullOrEmpty(command.Secret) ? null : command.Secret, Enabled = command.Enabled ?? true, Now = clock.GetUtcNow(),
            }, ct);
            db.AuditAbout("notification-channel", id);
            return (await db.QuerySingleOrDefaultAsync<NotificationChannelDto>(SelectOne, new { Id = id }, ct))!;
        }
    }
}
