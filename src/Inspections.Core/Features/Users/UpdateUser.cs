using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// An administrator changes a user's name, roles, jurisdiction, credential number, addresses (e-mail, WeCom and
/// DingTalk ids, where alerts reach them), or deactivates
/// them 停用 (Active = false; a deactivated user cannot sign in and their sessions end at once).
/// The caller sends the version they read (stale → 409). The login name never changes.
/// </summary>
public static class UpdateUser
{
    [AllowedRoles(Domain.Access.Roles.Admin)]
    [NotForStations(StationBar.Users)]
    public sealed record Command : ICommand<UserDto>, IUserFacts
    {
        [RouteValue] public string Id { get; init; } = "";
        public string? DisplayName { get; init; }
        [OneOf(Domain.Access.Roles.Officer, Domain.Access.Roles.Clerk, Domain.Access.Roles.Supervisor, Domain.Access.Roles.Admin)] public IReadOnlyList<string>? Roles { get; init; }
        public string? Jurisdiction { get; init; }
        public string? CredentialNumber { get; init; }
        public string? Email { get; init; }
        public string? WeComUserId { get; init; }
        public string? DingTalkUserId { get; init; }
        public bool? Active { get; init; }
        public long? Version { get; init; }
    }

    public sealed class Validator : UserFactsValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Active).NotNull().Named("在职状态", "Active");
            RuleFor(x => x.Version).IsVersion();
        }
    }

    private static readonly Sql Update = new("""
        UPDATE users SET display_name = @DisplayName, jurisdiction = @Jurisdiction, credential_number = @CredentialNumber,
            email = @Email, wecom_user_id = @WeComUserId, dingtalk_user_id = @DingTalkUserId,
            active = @Active, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, UserDto>
    {
        public async ValueTask<UserDto> Handle(Command command, CancellationToken ct)
        {
            var current = await UserRecord.LoadAsync(db, command.Id, ct);
            user.EnsureCanChange(current.Jurisdiction);
            var jurisdiction = command.Jurisdiction!;
            user.EnsureCanChange(jurisdiction);
            // An administrator cannot lock themselves out: someone else must take their admin role or deactivate them.
            if (string.Equals(current.Id, user.UserId, StringComparison.Ordinal))
            {
                if (command.Active == false)
                    throw Input.Invalid(nameof(Command.Active), "不能停用自己的账号", "You cannot deactivate yourself");
                if (current.RoleNames.Contains(Roles.Admin) && !command.Roles!.Contains(Roles.Admin, StringComparer.Ordinal))
                    throw Input.Invalid(nameof(Command.Roles), "不能取消自己的管理员角色", "You cannot take away your own admin role");
            }
            var credential = Input.Clean(command.CredentialNumber);
            await UserRules.EnsureCredentialFreeAsync(db, credential, current.Id, ct);

            var now = clock.GetUtcNow();
            var changed = await db.ExecuteAsync(Update, new
            {
                current.Id,
                DisplayName = command.DisplayName!.Trim(),
                Jurisdiction = jurisdiction,
                CredentialNumber = credential,
                Email = Input.Clean(command.Email),
                WeComUserId = Input.Clean(command.WeComUserId),
                DingTalkUserId = Input.Clean(command.DingTalkUserId),
                Active = command.Active!.Value,
                Now = now,
                Version = command.Version!.Value,
            }, ct);
            if (changed == 0)
                throw ConflictException.StaleVersion("用户", "user", command.Version!.Value, (await UserRecord.LoadAsync(db, current.Id, ct)).Version);
            await UserRecord.ReplaceRolesAsync(db, current.Id, command.Roles!, ct);
            db.AuditAbout("user", current.Id);
            return (await UserRecord.LoadAsync(db, current.Id, ct)).ToDto(now);
        }
    }
}
