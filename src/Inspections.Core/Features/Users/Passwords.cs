using FluentValidation;
using Inspections.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Inspections.Core.Features.Users;

/// <summary>
/// Passwords are kept only as ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> hashes
/// (PBKDF2 with a random salt, the format versioned in the hash so a stronger default rehashes on
/// the next sign-in). The rule for a new password is written once here.
/// </summary>
public static class Passwords
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    // The hasher reads nothing of the user it is given; one instance serves every thread.
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Nobody = new();

    // Verified when the login does not exist, so an unknown login costs the same time as a wrong password.
    private static readonly Lazy<string> Decoy = new(() => Hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public static string Hash(string password) => Hasher.HashPassword(Nobody, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>, and whether the hash should be renewed.</summary>
    public static (bool Matches, bool Rehash) Verify(string hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(Nobody, hash, password);
        return (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }

    /// <summary>Spends the time of one verification on nothing (for a login that does not exist).</summary>
    public static void VerifyDecoy(string password) => Hasher.VerifyHashedPassword(Nobody, Decoy.Value, password);

    /// <summary>A new password: 8 to 128 characters with at least one letter and one digit. The message never repeats the password.</summary>
    public static IRuleBuilderOptions<T, string?> IsNewPassword<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(p => !string.IsNullOrEmpty(p))
            .Says("请填写密码", "Enter a password")
            .Must(p => p!.Length is >= MinLength and <= MaxLength)
            .Says($"密码长度须为 {MinLength}–{MaxLength} 个字符", $"A password has {MinLength} to {MaxLength} characters")
            .Must(p => p!.Any(char.IsLetter) && p!.Any(char.IsDigit))
            .Says("密码须同时包含字母和数字", "A password contains both letters and digits");
}
