using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Mediator;

namespace Inspections.Core.Features.Users;

/// <summary>
/// Signing in 登录 with a login name and password. The answer never tells whether the login exists:
/// an unknown login and a wrong password are both "invalid" (and take the same time). Consecutive
/// failures lock the login for a while (5 for 15 minutes by default, <see cref="SignInOptions"/>);
/// a success starts the count again. A deactivated user cannot sign in. The outcome is an answer,
/// not an error, so the failure count commits with the attempt's audit row; the host turns it into
/// a token (API) or a cookie (pages).
/// </summary>
public static class SignIn
{
    public static class Outcomes
    {
        public const string Ok = "ok";
        public const string Invalid = "invalid";
        public const string Locked = "locked";
        public const string Inactive = "inactive";
    }

    [Anonymous]
    public sealed record Command : ICommand<Result>
    {
        public string? LoginName { get; init; }
        [Secret] public string? Password { get; init; }
    }

    /// <param name="Outcome">ok, invalid, locked or inactive.</param>
    /// <param name="User">The user, when the outcome is ok.</param>
    /// <param name="MustChangePassword">The user must change an initial or reset password before anything else.</param>
    /// <param name="LockedUntil">When a locked login may try again.</param>
    public sealed record Result(
        [property: OneOf(Outcomes.Ok, Outcomes.Invalid, Outcomes.Locked, Outcomes.Inactive)] string Outcome,
        UserDto? User, bool MustChangePassword, DateTimeOffset? LockedUntil);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.LoginName).NotEmpty().MaximumLength(32).Named("登录名", "Login name");
            RuleFor(x => x.Password).NotEmpty().Says("请填写密码", "Enter the password");
            RuleFor(x => x.Password).MaximumLength(Passwords.MaxLength).Says("密码过长", "The password is too long");
        }
    }

    // One statement, so two failures at the same moment both count. Every SET reads the row as it was.
    private static readonly Sql RecordFailure = new("""
        UPDATE users SET
            failed_attempts = CASE WHEN failed_attempts + 1 >= @MaxFailedAttempts THEN 0 ELSE failed_attempts + 1 END,
            locked_until = CASE WHEN failed_attempts + 1 >= @MaxFailedAttempts THEN @LockedUntil ELSE locked_until END
        WHERE id = @Id
        """);

    private static readonly Sql RecordSuccess = new("""
        UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = @Now WHERE id = @Id
        """);

    // A stronger hashing default renews the hash; the row's version stays, so no session ends for it.
    private static readonly Sql Rehash = new("UPDATE users SET password_hash = @PasswordHash WHERE id = @Id");

    public sealed class Handler(DbSession db, TimeProvider clock, SignInOptions options) : ICommandHandler<Command, Result>
    {
        private static readonly Result Invalid = new(Outcomes.Invalid, null, false, null);

        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var login = command.LoginName!.Trim().ToLowerInvariant();
            db.AuditAbout("user", login);
            var now = clock.GetUtcNow();
            var row = await UserRecord.FindAsync(db, login, ct);
            if (row is null)
            {
                Passwords.VerifyDecoy(command.Password!);
                return Invalid;
            }
            if (row.IsLocked(now)) return new Result(Outcomes.Locked, null, false, row.LockedUntil);

            var (matches, rehash) = Passwords.Verify(row.PasswordHash, command.Password!);
            if (!matches)
            {
                await db.ExecuteAsync(RecordFailure, new
                {
                    row.Id, options.MaxFailedAttempts, LockedUntil = now.AddMinutes(options.LockoutMinutes),
                }, ct);
                var after = await UserRecord.LoadAsync(db, row.Id, ct);
                return after.IsLocked(now) ? new Result(Outcomes.Locked, null, false, after.LockedUntil) : Invalid;
            }
            if (!row.Active) return new Result(Outcomes.Inactive, null, false, null);

            await db.ExecuteAsync(RecordSuccess, new { row.Id, Now = now }, ct);
            if (rehash) await db.ExecuteAsync(Rehash, new { row.Id, PasswordHash = Passwords.Hash(command.Password!) }, ct);
            var user = row.ToDto(now);
            return new Result(Outcomes.Ok, user, user.MustChangePassword, null);
        }
    }
}
