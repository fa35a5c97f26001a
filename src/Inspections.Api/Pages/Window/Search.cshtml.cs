using Inspections.Api.Auth;
using Inspections.Core.Features.Permits;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Inspections.Api.Pages.Window;

/// <summary>
/// 办件查询: every application of the jurisdiction in any stage and period, by the SearchPermits request as
/// GET /api/permits (stage, item, applicant, receipt dates; a page at a time), with this month's on-time figures.
/// </summary>
[AllowRolesOf(typeof(SearchPermits.Query))]
public sealed class SearchModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? ItemCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Applicant { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedFrom { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedTo { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<PermitItemDto> Items { get; private set; } = [];
    public IReadOnlyList<SearchPermits.PermitSummary> Results { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public MonthFigures? Figures { get; private set; }

    public async Task OnGetAsync()
    {
        Items = await sender.Send(new ListPermitItems.Query(), HttpContext.RequestAborted);
        var (ok, page) = await this.TrySendAsync(sender, new SearchPermits.Query
        {
            Stage = string.IsNullOrEmpty(Stage) ? null : Stage,
            ItemCode = string.IsNullOrEmpty(ItemCode) ? null : ItemCode,
            Applicant = string.IsNullOrWhiteSpace(Applicant) ? null : Applicant.Trim(),
            ReceivedFrom = ReceivedFrom,
            ReceivedTo = ReceivedTo,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
        }, prefix: "");
        if (ok)
        {
            Results = page.Items;
            NextCursor = page.NextCursor;
        }
        Figures = await MonthFigures.ThisMonthAsync(sender, clock, HttpContext);
    }

    public string NextPage(string cursor)
    {
        var query = new Dictionary<string, string?>
        {
            ["stage"] = Stage, ["itemCode"] = ItemCode, ["applicant"] = Applicant,
            ["receivedFrom"] = Show.DateOrEmpty(ReceivedFrom), ["receivedTo"] = Show.DateOrEmpty(ReceivedTo), ["cursor"] = cursor,
        };
        return QueryHelpers.AddQueryString("/window/search", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
