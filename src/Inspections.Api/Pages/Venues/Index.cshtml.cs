using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Venues;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Inspections.Api.Pages.Venues;

/// <summary>
/// The venue register 场所台账: search by part of the name, the unified social credit code or the licence number,
/// by type and licence status, a page at a time — the SearchVenues request, as GET /api/venues.
/// </summary>
[AllowRolesOf(typeof(SearchVenues.Query))]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? LicenseStatus { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<VenueDto> Venues { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool MayRegister { get; private set; }

    public async Task OnGetAsync()
    {
        MayRegister = Core.Behaviors.AllowedRolesAttribute.Of(typeof(RegisterVenue.Command))!.Any(User.IsInRole);
        var (ok, page) = await this.TrySendAsync(sender, new SearchVenues.Query
        {
            Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
            Type = string.IsNullOrEmpty(Type) ? null : Type,
            LicenseStatus = string.IsNullOrEmpty(LicenseStatus) ? null : LicenseStatus,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
        }, prefix: "");
        if (!ok) return;
        Venues = page.Items;
        NextCursor = page.NextCursor;
    }

    public string NextPage(string cursor)
    {
        var query = new Dictionary<string, string?> { ["search"] = Search, ["type"] = Type, ["licenseStatus"] = LicenseStatus, ["cursor"] = cursor };
        return QueryHelpers.AddQueryString("/venues", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public static IEnumerable<(string Wire, string Name)> Types() =>
        Enum.GetValues<VenueType>().Select(t => (Wire.Name(t), t.ChineseName()));

    public static IEnumerable<(string Wire, string Name)> Statuses() =>
        Enum.GetValues<LicenseStatus>().Select(s => (Wire.Name(s), s.ChineseName()));
}
