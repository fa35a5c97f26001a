namespace Inspections.Api.Pages.Admin.Users;

/// <summary>The fields of a user both the create and the edit form have.</summary>
public class UserForm
{
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? Jurisdiction { get; set; }
    public string? CredentialNumber { get; set; }
    public string? Email { get; set; }
    public string? WeComUserId { get; set; }
    public string? DingTalkUserId { get; set; }

    /// <summary>An optional text as the request takes it: trimmed, or null when left empty.</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
