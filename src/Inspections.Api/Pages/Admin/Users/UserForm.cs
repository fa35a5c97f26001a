namespace Inspections.Api.Pages.Admin.Users;

/// <summary>The fields of a user both the create and the edit form have.</summary>
public class UserForm
{
    public string? DisplayName { get; set; }
    public List<string> Roles { get; set; } = [];
    public string? Jurisdiction { get; set; }
    public string? CredentialNumber { get; set; }
}
