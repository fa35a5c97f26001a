using Inspections.Core.Data;

namespace Inspections.Core.Features.Users;

/// <summary>
/// Where an outside identity provider signs people in (OIDC), its token only says who they are: the
/// login name is matched against the users table, and what they may do (roles, jurisdiction,
/// credential number) is the table's. Unknown and deactivated logins get nothing.
/// </summary>
public static class ProviderLogins
{
    /// <summary>The active user of this login name (any case, as providers vary), or null.</summary>
    public static async Task<TokenSubject?> MatchAsync(DbSession db, string? login, CancellationToken ct)
    {
        if (login is not { Length: > 0 and <= 64 }) return null;
        var row = await UserRecord.FindAsync(db, login.Trim().ToLowerInvariant(), ct);
        return row is { Active: true }
            ? new TokenSubject(row.Id, row.DisplayName, row.RoleNames, row.Jurisdiction, row.CredentialNumber, null)
            : null;
    }
}
