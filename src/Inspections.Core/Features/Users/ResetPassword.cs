using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// An administrator sets a new password 重置密码 for a user who forgot theirs: the user must change it
/// at their next sign-in, a lock from failed sign-ins is lifted, and sessions already open end.
/// </summary>
public static class ResetPassword
{
    [AllowedRoles(Roles.Admin)]
    [NotForStations(StationBar.Users)]
    public sealed record Command : ICommand<UserDto>
    {
        [RouteValue] public string Id { get; init; } = "";
        [Secret] public string? NewPassword { get; init; }
    }

    public sealed class Validator : FluentValidation.AbstractValidator<Command>
    {
        public Validator() => RuleFor(x => x.NewPassword).IsNewPassword();
    }

    private static readonly Sql Reset = new("""
        UPDATE users SET password_hash = @PasswordHash, must_change_password = @True, failed_attempts = 0, locked_until = NULL,
            password_changed_at = @Now, updated_at = @Now, version = version + 1
        WHERE id = @Id
        """);

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, UserDto>
    {
        public async ValueTask<UserDto> Handle(Command command, CancellationToken ct)
        {
            var current = await UserRecord.LoadAsync(db, command.Id, ct);
            user.EnsureCanChange(current.Jurisdiction);
            var now = clock.GetUtcNow();
            await db.ExecuteAsync(Reset, new { current.Id, PasswordHash = Passwords.Hash(command.NewPassword!), Now = now, True = true }, ct);
            db.AuditAbout("user", current.Id);
            return (await UserRecord.LoadAsync(db, current.Id, ct)).ToDto(now);
        }
    }
}
