using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Inspections.Core.Features.Registers;
using Inspections.Core.Features.Unlicensed;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Office;

/// <summary>
/// A register downloaded from the office page: the filters of its form sent as the same export request the API's
/// /api/registers/{kind}.xlsx sends (so the same roles, jurisdiction and field rules), streamed as XLSX. Filters that
/// do not hold come back as this page with their errors in Chinese.
/// </summary>
[AllowRolesOf(typeof(ExportInspectionLedger.Query))]
public sealed class RegisterModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? LicenseStatus { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public bool? OpenOnly { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? FiledFrom { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? FiledTo { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CampaignId { get; set; }
    [BindProperty(SupportsGet = true)] public bool? IncludeAcknowledged { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Mine { get; set; }

    public string Title { get; private set; } = "台账";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public async Task<IActionResult> OnGetAsync(string kind)
    {
        (string Title, IQuery<RegisterFile> Query)? register = kind switch
        {
            "venues" => (ExportVenueRegister.Title, new ExportVenueRegister.Query
            {
                Type = Blank(Type), LicenseStatus = Blank(LicenseStatus), Name = Blank(Name), Jurisdiction = Blank(Jurisdiction),
            }),
            "inspections" => (ExportInspectionLedger.Title, new ExportInspectionLedger.Query
            {
                From = From, To = To, Kind = Blank(Kind), Outcome = Blank(Outcome), Jurisdiction = Blank(Jurisdiction),
            }),
            "cases" => (ExportCaseRegister.Title, new ExportCaseRegister.Query
            {
                Stage = Blank(Stage), OpenOnly = OpenOnly == true ? true : null, FiledFrom = FiledFrom, FiledTo = FiledTo,
            }),
            "permits" => (ExportWindowLedger.Title, new ExportWindowLedger.Query { Stage = Blank(Stage), Kind = Blank(Kind), From = From, To = To }),
            "campaign-venues" => (ExportCampaignLedger.Title, new ExportCampaignLedger.Query { CampaignId = CampaignId }),
            "alerts" => (ExportAlertList.Title, new ExportAlertList.Query
            {
                Kind = Blank(Kind), IncludeAcknowledged = IncludeAcknowledged == true, Mine = Mine == true,
            }),
            "survey-template" => ("摸底排查表模板", new GetSurveyTemplate.Query()),
            _ => null,
        };
        if (register is not { } r) return NotFound();
        Title = r.Title;
        var (ok, file) = await this.TrySendAsync(sender, r.Query, prefix: "");
        return ok ? new RegisterDownload(file) : Page();
    }
}
