using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Permits;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Window;

/// <summary>
/// 受理登记: the clerk receives an application at the window by the ReceivePermit request, as POST /api/permits.
/// The item comes from the catalog (ListPermitItems), its kinds and materials list with it; the venue, when there
/// is one, from a search of the register (SearchVenues). The first-inquiry responsible person 首问责任人 is the
/// clerk signed in: the request takes it from the caller, and the form has no such field.
/// </summary>
[AllowRolesOf(typeof(ReceivePermit.Command))]
public sealed class ReceiveModel(ISender sender, PermitOptions options) : PageModel
{
    /// <summary>The catalog item chosen (?item=code).</summary>
    [BindProperty(SupportsGet = true, Name = "item")] public string? Item { get; set; }

    /// <summary>A fragment of a venue's name to look for (?venue=…).</summary>
    [BindProperty(SupportsGet = true, Name = "venue")] public string? VenueSearch { get; set; }

    [BindProperty] public Form Input { get; set; } = new();

    public IReadOnlyList<PermitItemDto> Items { get; private set; } = [];
    public PermitItemDto? Chosen { get; private set; }
    public IReadOnlyList<VenueDto> Venues { get; private set; } = [];

    /// <summary>Working days to tell the applicant every missing material at once (行政许可法 art. 32).</summary>
    public int CorrectionWindowDays => options.CorrectionWindowDays;

    public sealed class Form
    {
        public string? ItemCode { get; set; }
        public string? Kind { get; set; }
        public string? ApplicantName { get; set; }
        public string? CreditCode { get; set; }
        public string? Phone { get; set; }
        public Guid? VenueId { get; set; }
        public List<string> Materials { get; set; } = [];
        public string? Note { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync(Item);

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync(Input.ItemCode);
        var (ok, received) = await this.TrySendAsync(sender, new ReceivePermit.Command
        {
            ItemCode = Input.ItemCode,
            Kind = Input.Kind,
            Applicant = new ReceivePermit.ApplicantInput(Input.ApplicantName, Input.CreditCode, Input.Phone),
            VenueId = Input.VenueId,
            Materials = Input.Materials,
            Note = Input.Note,
        });
        if (!ok) return Page();
        TempData["Notice"] = received.MissingMaterials.Count == 0
            ? $"已收件登记，材料齐全，可以受理。首问责任人：{received.ResponsibleName}。"
            : $"已收件登记，尚缺 {received.MissingMaterials.Count} 项材料，请在补正告知期限内一次性告知补正或受理。首问责任人：{received.ResponsibleName}。";
        return Redirect($"/permits/{received.Id}");
    }

    private async Task LoadAsync(string? itemCode)
    {
        Items = await sender.Send(new ListPermitItems.Query(), HttpContext.RequestAborted);
        var code = Core.Common.Input.Clean(itemCode);
        Chosen = code is null ? null : Items.FirstOrDefault(i => i.Code == code);
        if (code is not null && Chosen is null)
            ModelState.AddModelError("Item", $"没有编码为“{code}”的许可事项，请从目录中选择");
        Item = Chosen?.Code;
        if (Core.Common.Input.Clean(VenueSearch) is { } name)
        {
            var (ok, page) = await this.TrySendAsync(sender, new SearchVenues.Query { Name = name, Limit = 20 }, prefix: "");
            if (ok) Venues = page.Items;
        }
    }

    /// <summary>A kind of application as the window names it.</summary>
    public static string KindName(string kind) => Wire.TryParse<PermitKind>(kind, out var k) ? k.Chinese() : kind;
}
