namespace Inspections.Core.Features.Users;

/// <summary>
/// The signed-in caller: who they are and what they may do. <see cref="Registered"/> is false when the
/// token names someone who is not in the users table (a development token, an outside identity
/// provider's user); the rest then comes from the token.
/// </summary>
public sealed record AccountDto
{
    public string Id { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public IReadOnlyList<string> Roles { get; init; } = [];
    public string Jurisdiction { get; init; } = "";
    public string? CredentialNumber { get; init; }
    public bool MustChangePassword { get; init; }
    public bool Registered { get; init; }
}
