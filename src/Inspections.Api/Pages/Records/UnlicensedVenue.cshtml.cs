using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Venues;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>
/// A venue found in an unlicensed-venue campaign, with its rectification notice, read-only, from the same
/// GetUnlicensedCampaignVenue request as GET /api/unlicensed-campaigns/{campaign}/venues/{id}.
/// </summary>
[AllowRolesOf(typeof(GetUnlicensedCampaignVenue.Query))]
public sealed class UnlicensedVenueModel(ISender sender) : PageModel
{
    public UnlicensedCampaignVenueDto Venue { get; private set; } = new();

    public async Task OnGetAsync(Guid campaignId, Guid id) =>
        Venue = await sender.Send(new GetUnlicensedCampaignVenue.Query(campaignId, id), HttpContext.RequestAborted);

    public static string VenueType(string wire) => Wire.TryParse<VenueType>(wire, out var t) ? t.ChineseName() : wire;

    public static string Outcome(string? outcome) => outcome switch
    {
        null => "尚无结果",
        "licensed" => "已办证",
        "guidanceCertificate" => "发放辅导证",
        "banned" => "取缔",
        "referred" => "函告/移送",
        _ => outcome,
    };
}
