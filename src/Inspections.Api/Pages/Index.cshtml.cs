using Inspections.Core.Features.Alerts;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages;

/// <summary>
/// Home: the sign-in page for a visitor (the cookie's challenge), the dashboard for a supervisor,
/// the users for an admin, and for officers and clerks the alerts they are told of, unread first.
/// </summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    private const int Shown = 100;

    public IReadOnlyList<AlertDto> Alerts { get; private set; } = [];
    public bool More { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var home = Show.HomeOf(User);
        if (home != "/") return Redirect(home);
        var page = await sender.Send(new ListAlerts.Query { Mine = true, Limit = Shown }, HttpContext.RequestAborted);
        // Unread first (as the list comes), each part by due date.
        Alerts = page.Items.OrderBy(a => a.ReadAt is null ? 0 : 1).ThenBy(a => a.DueDate).ThenBy(a => a.Title, StringComparer.Ordinal).ToList();
        More = page.NextCursor is not null;
        return Page();
    }

    /// <summary>标为已读: the same MarkAlertRead request as POST /api/alerts/{id}/read; an alert not the caller's is 404.</summary>
    public async Task<IActionResult> OnPostReadAsync(Guid id)
    {
        await sender.Send(new MarkAlertRead.Command(id), HttpContext.RequestAborted);
        return RedirectToPage();
    }
}
