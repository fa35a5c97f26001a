using Inspections.Api.Auth;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Features.Registers;
using Inspections.Core.Features.Unlicensed;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Office;

/// <summary>
/// The office ledgers 工作台账: a filter form and a download for each register the caller's role may read (the
/// downloads at /office/registers/{kind} send the same export requests as /api/registers/*.xlsx), the survey list
/// import into an unlicensed campaign (ImportSurvey, as POST /api/unlicensed-campaigns/{id}/venues/import) with its
/// per-row errors, and the half-year report downloads.
/// </summary>
[AllowRolesOf(typeof(ExportInspectionLedger.Query))]
public sealed class IndexModel(ISender sender, ICurrentUser user, TimeProvider clock) : PageModel
{
    public IReadOnlyList<UnlicensedCampaignDto> Campaigns { get; private set; } = [];

    [BindProperty] public ImportForm Import { get; set; } = new();

    public sealed class ImportForm
    {
        public Guid? CampaignId { get; set; }
        public IFormFile? File { get; set; }
        public bool ImportValidRows { get; set; }
    }

    /// <summary>What the last import stored (and, when asked to take the good rows, what it left out).</summary>
    public ImportSurvey.Result? Imported { get; private set; }

    /// <summary>The bad rows of a sheet that was refused as a whole.</summary>
    public IReadOnlyList<SheetRowError> RowErrors { get; private set; } = [];
    public int ValidRows { get; private set; }

    public bool May(Type request) => (AllowedRolesAttribute.Of(request) ?? []).Any(user.IsInRole)
        && !(NotForStationsAttribute.Of(request) is not null && Domain.Access.Jurisdiction.IsTown(user.Jurisdiction));

    public int Year => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Domain.Calendar.ClockEvaluator.ChinaStandardTime).Year;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Import.CampaignId is not { } campaignId)
        {
            ModelState.AddModelError("Import.CampaignId", "请选择整治行动");
            return Page();
        }
        var command = new ImportSurvey.Command
        {
            CampaignId = campaignId,
            FileName = Import.File?.FileName,
            Content = Import.File is null ? null : await ReadAtMostAsync(Import.File, SurveySheet.MaxBytes + 1L),
            ImportValidRows = Import.ImportValidRows,
        };
        try
        {
            var (ok, result) = await this.TrySendAsync(sender, command, prefix: "Import");
            if (ok) Imported = result;
        }
        catch (SheetRowsException e)
        {
            RowErrors = e.Errors;
            ValidRows = e.ValidRows;
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        if (May(typeof(ListUnlicensedCampaigns.Query)))
            Campaigns = await sender.Send(new ListUnlicensedCampaigns.Query(), HttpContext.RequestAborted);
    }

    private async Task<byte[]> ReadAtMostAsync(IFormFile file, long limit)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), HttpContext.RequestAborted)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
