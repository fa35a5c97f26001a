using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// An administrator adds a user 新增用户 of a jurisdiction they may change, with an initial password
/// the user must change at their first sign-in. The login name is the user's id for good.
/// </summary>
public static class CreateUser
{
    [AllowedRoles(Domain.Access.Roles.Admin)]
    [NotForStations(StationBar.Users)]
    public sealed record Command : ICommand<UserDto>, IUserFacts
    {
        public string? Id { get; init; }
        public string? DisplayName { get; init; }
        [OneOf(Domain.Access.Roles.Officer, Domain.Access.Roles.Clerk, Domain.Access.Roles.Supervisor, Domain.Access.Roles.Admin)] public IReadOnlyList<string>? Roles { get; init; }
        public string? Jurisdiction { get; init; }
        public string? CredentialNumber { get; init; }
        public string? Email { get; init; }
        public string? WeComUserId { get; init; }
        public string? DingTalkUserId { get; init; }
        [Secret] public string? InitialPassword { get; init; }
    }

    public sealed class Validator : UserFactsValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Id).IsNewLoginName();
            RuleFor(x => x.InitialPassword).IsNewPassword();
            RuleFor(x => x.InitialPassword).Must((x, p) => !string.Equals(p, x.Id, StringComparison.OrdinalIgnoreCase))
                .When(x => x.Id is not null).Says("密码不能与登录名相同", "The password cannot be the login name");
        }
    }

    private static readonly Sql Insert = new("""
        INSERT INTO users (id, display_name, jurisdiction, credential_number, email, wecom_user_id, dingtalk_user_id, active, password_hash, must_change_password,
            failed_attempts, locked_until, last_sign_in_at, password_changed_at, created_at, created_by, updated_at, version)
        VALUES (@Id, @DisplayName, @Jurisdiction, @CredentialNumber, @Email, @WeComUserId, @DingTalkUserId, @True, @PasswordHash, @True,
            0, NULL, NULL, @Now, @Now, @CreatedBy, @Now, 1)
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, UserDto>
    {
        public async ValueTask<UserDto> Handle(Command command, CancellationToken ct)
        {
            var jurisdiction = command.Jurisdiction!;
            user.EnsureCanChange(jurisdiction);
            var id = command.Id!;
            if (await UserRecord.FindAsync(db, id, ct) is not null)
                throw new ConflictException($"登录名 {id} 已被使用，请换一个。", $"The login name {id} is taken; choose another.");
            var credential = Input.Clean(command.CredentialNumber);
            await UserRules.EnsureCredentialFreeAsync(db, credential, id, ct);

            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Insert, new
            {
                Id = id,
                DisplayName = command.DisplayName!.Trim(),
                Jurisdiction = jurisdiction,
                CredentialNumber = credential,
                Email = Input.Clean(command.Email),
                WeComUserId = Input.Clean(command.WeComUserId),
                DingTalkUserId = Input.Clean(command.DingTalkUserId),
                PasswordHash = Passwords.Hash(command.InitialPassword!),
                Now = now,
                CreatedBy = user.UserId,
                True = true,
            }, ct);
            await UserRecord.ReplaceRolesAsync(db, id, command.Roles!, ct);
            db.AuditAbout("user", id);
            return (await UserRecord.LoadAsync(db, id, ct)).ToDto(now);
        }
    }
}
