using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// A signed-in user changes their own password 修改密码, giving the current one. This clears the duty
/// to change an initial or reset password. Sessions signed in before the change end with it: the
/// caller signs in again with the new password (pages renew their cookie from the answer).
/// </summary>
public static class ChangePassword
{
    [AllowedRoles(Roles.Officer, Roles.Clerk, Roles.Supervisor, Roles.Admin)]
    [BeforePasswordChange]
    public sealed record Command : ICommand<UserDto>
    {
        [Secret] public string? CurrentPassword { get; init; }
        [Secret] public string? NewPassword { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.CurrentPassword).NotEmpty().Says("请填写当前密码", "Enter the current password");
            RuleFor(x => x.CurrentPassword).MaximumLength(Passwords.MaxLength).Says("密码过长", "The password is too long");
            RuleFor(x => x.NewPassword).IsNewPassword();
            RuleFor(x => x.NewPassword).NotEqual(x => x.CurrentPassword).When(x => !string.IsNullOrEmpty(x.NewPassword))
                .Says("新密码不能与当前密码相同", "The new password must differ from the current one");
        }
    }

    private static readonly Sql Change = new("""
        UPDATE users SET password_hash = @PasswordHash, must_change_password = @False, password_changed_at = @Now,
            updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, UserDto>
    {
        public async ValueTask<UserDto> Handle(Command command, CancellationToken ct)
        {
            var row = await UserRecord.LoadAsync(db, user.UserId, ct);
            if (!Passwords.Verify(row.PasswordHash, command.CurrentPassword!).Matches)
                throw Input.Invalid(nameof(Command.CurrentPassword), "当前密码不正确", "The current password is wrong");
            if (string.Equals(command.NewPassword, row.Id, StringComparison.OrdinalIgnoreCase))
                throw Input.Invalid(nameof(Command.NewPassword), "密码不能与登录名相同", "The password cannot be the login name");
            var now = clock.GetUtcNow();
            var changed = await db.ExecuteAsync(Change, new
            {
                row.Id, PasswordHash = Passwords.Hash(command.NewPassword!), Now = now, row.Version, False = false,
            }, ct);
            if (changed == 0)
                throw ConflictException.StaleVersion("用户", "user", row.Version, (await UserRecord.LoadAsync(db, row.Id, ct)).Version);
            db.AuditAbout("user", row.Id);
            return (await UserRecord.LoadAsync(db, row.Id, ct)).ToDto(now);
        }
    }
}
