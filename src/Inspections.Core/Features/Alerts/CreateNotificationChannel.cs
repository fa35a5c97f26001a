using System.Net.Mail;
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

    internal const string Columns = """
        id, jurisdiction, kind, name, target, CASE WHEN secret IS NULL THEN 0 ELSE 1 END AS has_secret, enabled, created_at, version
        """;
}

/// <summary>
/// An administrator adds a channel of their jurisdiction (or one below it): a WeCom 企业微信 or DingTalk 钉钉 group robot
/// (its webhook address), a JSON webhook (signed with the secret), or e-mail (target: addresses separated by commas).
/// Alerts of the jurisdiction — and of its towns, for a district's channel — are sent through it.
/// </summary>
public static class CreateNotificationChannel
{
    public static readonly string[] Kinds = ["wecom", "dingtalk", "webhook", "email"];

    [NotForStations(StationBar.SystemWide)]
    [AllowedRoles(Roles.Admin)]
    public sealed record Command : ICommand<NotificationChannelDto>
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

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Jurisdiction).IsJurisdictionCode().When(x => x.Jurisdiction is not null);
            RuleFor(x => x.Kind).NotEmpty().Named("渠道类型", "Kind")
                .DependentRules(() => RuleFor(x => x.Kind).Must(k => Kinds.Contains(k))
                    .Says("渠道类型应为 wecom（企业微信）、dingtalk（钉钉）、webhook 或 email", "Kind must be wecom, dingtalk, webhook or email"));
            RuleFor(x => x.Name).NotEmpty().MaximumLength(100).Named("名称", "Name");
            RuleFor(x => x.Target).NotEmpty().MaximumLength(1000).Named("地址", "Target")
                .DependentRules(() =>
                {
                    RuleFor(x => x.Target).Must(IsWebAddress).When(x => x.Kind is "wecom" or "dingtalk" or "webhook")
                        .Says("地址应为 http 或 https 开头的完整网址", "Target must be an absolute http or https address");
                    RuleFor(x => x.Target).Must(AreMailAddresses).When(x => x.Kind == "email")
                        .Says("地址应为电子邮箱，多个以逗号分隔", "Target must be e-mail addresses separated by commas");
                });
            RuleFor(x => x.Secret).MaximumLength(200).Named("密钥", "Secret");
        }

        private static bool IsWebAddress(string? target) =>
            Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

        private static bool AreMailAddresses(string? target) =>
            target is not null && AlertDeliveries.Addresses(target) is { Count: > 0 } list && list.All(a => MailAddress.TryCreate(a, out _));
    }

    private static readonly Sql Insert = new("""
        INSERT INTO notification_channels (id, jurisdiction, kind, name, target, secret, enabled, created_at, updated_at, version)
        VALUES (@Id, @Jurisdiction, @Kind, @Name, @Target, @Secret, @Enabled, @Now, @Now, 1)
        """);

    internal static readonly Sql SelectOne = new($"SELECT {NotificationChannelDto.Columns} FROM notification_channels WHERE id = @Id");

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
