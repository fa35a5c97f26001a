namespace Inspections.Core.Features.Users;

/// <summary>Bound from "SignIn": how many consecutive failures lock a login, and for how long.</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public SignInOptions Validated()
    {
        if (MaxFailedAttempts < 1) throw new InvalidOperationException("SignIn:MaxFailedAttempts must be at least 1.");
        if (LockoutMinutes < 1) throw new InvalidOperationException("SignIn:LockoutMinutes must be at least 1.");
        return this;
    }
}
