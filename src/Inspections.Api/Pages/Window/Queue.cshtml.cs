using Inspections.Api.Auth;
using Inspections.Core.Features.Permits;
using Inspections.Domain.Access;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Inspections.Api.Pages.Window;

/// <summary>
/// 窗口办件: the open applications by the PermitQueue request (GET /api/permits/queue), the most urgent first, each
/// with its working-day countdown; mine (first-inquiry or holder) or the whole window's; with this month's
/// on-time figures (PermitFigures) above.
/// </summary>
[AllowRolesOf(typeof(PermitQueue.Query))]
public sealed class QueueModel(ISender sender, TimeProvider clock) : PageModel
{
    /// <summary>"mine" (default) or "all".</summary>
    [BindProperty(SupportsGet = true, Name = "show")] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public bool All => Scope == "all";
    public IReadOnlyList<PermitQueue.Entry> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public string? NextCursor { get; private set; }
    public MonthFigures? Figures { get; private set; }

    public async Task OnGetAsync()
    {
        if (Scope is not (null or "" or "mine" or "all")) ModelState.AddModelError("", "“show”只能是 mine（我的）或 all（全部）");
        var supervisor = Show.RolesOf(User).Contains(Roles.Supervisor);
        var (ok, page) = await this.TrySendAsync(sender, new PermitQueue.Query(supervisor && !All ? User.FindFirst(ClaimNames.UserId)?.Value : null)
        {
            All = All ? true : null,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
        }, prefix: "");
        if (ok)
        {
            Entries = page.Items;
            Total = page.Total;
            NextCursor = page.NextCursor;
        }
        Figures = await MonthFigures.ThisMonthAsync(sender, clock, HttpContext);
    }

    public string Link(string scope, string? cursor = null) =>
        QueryHelpers.AddQueryString("/window/queue", new Dictionary<string, string?> { ["show"] = scope, ["cursor"] = cursor }
            .Where(p => !string.IsNullOrEmpty(p.Value)));

    public static string ClockName(string? name) => name switch
    {
        "promised" => "承诺时限",
        "correctionWindow" => "补正告知期限",
        _ => "等待补正",
    };
}
