namespace Inspections.Core.Common;

/// <summary>The caller, as the host authenticated them.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    string UserId { get; }
    string DisplayName { get; }
    /// <summary>The first of <see cref="Roles"/>: the role recorded in the audit trail and named in refusals.</summary>
    string Role { get; }
    /// <summary>Administrative-division code 辖区 of the caller.</summary>
    string Jurisdiction { get; }
    /// <summary>Enforcement credential number 执法证号 (officers only).</summary>
    string? CredentialNumber { get; }

    /// <summary>Every role the caller holds (a section head may also be an officer); a request admits them if any one is allowed.</summary>
    IReadOnlyList<string> Roles => Role.Length > 0 ? [Role] : [];

    bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// The version of the caller's row in the users table that their sign-in (token or cookie) was
    /// issued for, or null when the credential did not come from the users table (development tokens,
    /// an outside identity provider). When set, every request checks it is still the current version,
    /// so deactivating a user or changing their roles or password takes effect at once.
    /// </summary>
    long? UserVersion => null;
}
