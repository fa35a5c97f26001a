using Inspections.Core.Common;

namespace Inspections.Core.Features.Users;

/// <summary>
/// A user as the API shows them. <see cref="Id"/> is the login name, the id that appears as officer,
/// holder and actor everywhere. No password or hash is ever part of it.
/// </summary>
public sealed record UserDto
{
    public string Id { get; init; } = "";
    public string DisplayName { get; init; } = "";
    [OneOf(Domain.Access.Roles.Officer, Domain.Access.Roles.Clerk, Domain.Access.Roles.Supervisor, Domain.Access.Roles.Admin)] public IReadOnlyList<string> Roles { get; init; } = [];
    public string Jurisdiction { get; init; } = "";
    public string? CredentialNumber { get; init; }   // 执法证号
    /// <summary>Where alerts reach the user: e-mail, and their WeCom 企业微信 and DingTalk 钉钉 user ids (@-mentioned).</summary>
    public string? Email { get; init; }
    public string? WeComUserId { get; init; }
    public string? DingTalkUserId { get; init; }
    public bool Active { get; init; }
    /// <summary>The initial or reset password must be changed before anything else.</summary>
    public bool MustChangePassword { get; init; }
    /// <summary>Set while failed sign-ins keep the login locked.</summary>
    public DateTimeOffset? LockedUntil { get; init; }
    public long Version { get; init; }
}
