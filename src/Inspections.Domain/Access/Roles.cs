namespace Inspections.Domain.Access;

/// <summary>Role claim values. Who does what is in the domain notes; endpoints name the roles they admit.</summary>
public static class Roles
{
    public const string Officer = "officer";       // 执法人员
    public const string Clerk = "clerk";           // 窗口人员
    public const string Supervisor = "supervisor"; // 科长/分管领导
    public const string Admin = "admin";           // 系统管理员

    /// <summary>The scheduler's own identity for jobs. Never accepted from a token: it is not in <see cref="All"/>.</summary>
    public const string System = "system";

    public static readonly IReadOnlyList<string> All = [Officer, Clerk, Supervisor, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
