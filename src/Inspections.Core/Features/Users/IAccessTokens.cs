namespace Inspections.Core.Features.Users;

/// <summary>Who a token is for: the claims it carries.</summary>
/// <param name="UserVersion">The users-table version it is issued for (null for a user not in the table).</param>
public sealed record TokenSubject(
    string UserId, string DisplayName, IReadOnlyList<string> Roles, string Jurisdiction, string? CredentialNumber, long? UserVersion);

/// <summary>A bearer token and the instant it stops being accepted.</summary>
public sealed record AccessToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>What a token is for: a sign-in's session, or a script's longer-lived API token.</summary>
public enum TokenUse { SignIn, Script }

/// <summary>Mints bearer tokens. The host signs them (its key, issuer and lifetimes); the use cases decide for whom.</summary>
public interface IAccessTokens
{
    AccessToken Issue(TokenSubject subject, TokenUse use);
}
