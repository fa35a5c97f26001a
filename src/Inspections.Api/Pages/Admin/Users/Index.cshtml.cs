using Inspections.Api.Auth;
using Inspections.Core.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Inspections.Api.Pages.Admin.Users;

/// <summary>The users of the admin's jurisdiction, filtered and paged by the ListUsers request as GET /api/users.</summary>
[AllowRolesOf(typeof(ListUsers.Query))]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Active { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<UserDto> Users { get; private set; } = [];
    public string? NextCursor { get; private set; }

    public async Task OnGetAsync()
    {
        var (ok, page) = await this.TrySendAsync(sender, new ListUsers.Query
        {
            Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            Role = string.IsNullOrEmpty(Role) ? null : Role,
            Jurisdiction = string.IsNullOrWhiteSpace(Jurisdiction) ? null : Jurisdiction.Trim(),
            Active = Active,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
        }, prefix: "");
        if (!ok) return;
        Users = page.Items;
        NextCursor = page.NextCursor;
    }

    public string NextPage(string cursor)
    {
        var query = new Dictionary<string, string?> { ["search"] = Search, ["role"] = Role, ["jurisdiction"] = Jurisdiction, ["active"] = Active?.ToString().ToLowerInvariant(), ["cursor"] = cursor };
        return QueryHelpers.AddQueryString("/admin/users", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
