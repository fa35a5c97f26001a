namespace Inspections.Core.Common;

/// <summary>The caller, as the host authenticated them.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    string UserId { get; }
    string DisplayName { get; }
    string Role { get; }
    /// <summary>Administrative-division code 辖区 of the caller.</summary>
    string Jurisdiction { get; }
    /// <summary>Enforcement credential number 执法证号 (officers only).</summary>
    string? CredentialNumber { get; }
}
