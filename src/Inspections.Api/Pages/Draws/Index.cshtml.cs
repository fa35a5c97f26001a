using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Inspections.Api.Pages.Draws;

/// <summary>
/// The random draws 双随机抽查 of the caller's jurisdiction, newest first, a page at a time — the ListDraws
/// request, as GET /api/draws — with a link to make a new one.
/// </summary>
[AllowRolesOf(typeof(ListDraws.Query))]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool? Published { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<ListDraws.DrawSummary> Draws { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool MayDraw { get; private set; }

    public async Task OnGetAsync()
    {
        MayDraw = Core.Behaviors.AllowedRolesAttribute.Of(typeof(DrawVenues.Command))!.Any(User.IsInRole);
        var (ok, page) = await this.TrySendAsync(sender, new ListDraws.Query
        {
            Published = Published,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
        }, prefix: "");
        if (!ok) return;
        Draws = page.Items;
        NextCursor = page.NextCursor;
    }

    public string NextPage(string cursor)
    {
        var query = new Dictionary<string, string?> { ["published"] = Published?.ToString().ToLowerInvariant(), ["cursor"] = cursor };
        return QueryHelpers.AddQueryString("/draws", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    /// <summary>"网吧 · 持证" — the pool's filter in words, "全部场所" when none.</summary>
    public static string Filter(string? venueType, string? licenseStatus)
    {
        var parts = new List<string>();
        if (venueType is not null) parts.Add(Venues.DossierModel.TypeName(venueType));
        if (licenseStatus is not null) parts.Add(Venues.DossierModel.LicenseName(licenseStatus));
        return parts.Count == 0 ? "全部在营场所" : string.Join(" · ", parts);
    }
}
