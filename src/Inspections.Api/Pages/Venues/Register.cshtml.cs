using System.ComponentModel.DataAnnotations;
using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Jurisdictions;
using Inspections.Core.Features.Venues;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Venues;

/// <summary>
/// Registers a venue 场所登记 by the RegisterVenue request, as POST /api/venues, and lands on its dossier. A credit
/// code or licence number already on the register is refused with a link to that venue's dossier; the same name
/// and address is shown with the venue found and a button that sends the form again with confirmDuplicate.
/// </summary>
[AllowRolesOf(typeof(RegisterVenue.Command))]
public sealed class RegisterModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    public IReadOnlyList<JurisdictionDto> Places { get; private set; } = [];

    /// <summary>The venue already registered that the last post ran into, and whether confirming may register anyway.</summary>
    public Duplicate? Found { get; private set; }

    public sealed record Duplicate(string Kind, Guid VenueId, string VenueName, string Message, bool CanConfirm);

    public sealed class Form
    {
        [Display(Name = "场所名称")] public string? Name { get; set; }
        [Display(Name = "经营地址")] public string? Address { get; set; }
        [Display(Name = "场所类型")] public string? Type { get; set; }
        [Display(Name = "所属辖区")] public string? Jurisdiction { get; set; }
        [Display(Name = "经营者")] public string? OperatorName { get; set; }
        [Display(Name = "法定代表人")] public string? LegalRepresentative { get; set; }
        [Display(Name = "统一社会信用代码")] public string? UnifiedSocialCreditCode { get; set; }
        [Display(Name = "许可证号")] public string? LicenseNumber { get; set; }
        [Display(Name = "许可证有效期至")] public DateOnly? LicenseValidUntil { get; set; }
        [Display(Name = "证照状态")] public string? LicenseStatus { get; set; }
        [Display(Name = "终端数")] public int? Terminals { get; set; }
        [Display(Name = "包房数")] public int? Rooms { get; set; }
        [Display(Name = "确认登记")] public bool ConfirmDuplicate { get; set; }
    }

    public async Task OnGetAsync() => await LoadPlacesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, venue) = await this.TrySendAsync(sender, new RegisterVenue.Command
        {
            Name = Input.Name ?? "",
            Address = Input.Address ?? "",
            Type = string.IsNullOrEmpty(Input.Type) ? null : Input.Type,
            Jurisdiction = string.IsNullOrWhiteSpace(Input.Jurisdiction) ? null : Input.Jurisdiction.Trim(),
            OperatorName = Input.OperatorName,
            LegalRepresentative = Input.LegalRepresentative,
            UnifiedSocialCreditCode = Input.UnifiedSocialCreditCode?.Trim(),
            LicenseNumber = Input.LicenseNumber,
            LicenseValidUntil = Input.LicenseValidUntil,
            LicenseStatus = string.IsNullOrEmpty(Input.LicenseStatus) ? null : Input.LicenseStatus,
            Terminals = Input.Terminals,
            Rooms = Input.Rooms,
            ConfirmDuplicate = Input.ConfirmDuplicate ? true : null,
        }, onConflict: Refused);
        if (!ok)
        {
            // The confirmation is asked for each time: a changed form is checked again.
            ModelState.Remove("Input.ConfirmDuplicate");
            Input.ConfirmDuplicate = false;
            await LoadPlacesAsync();
            return Page();
        }
        return Redirect($"/venues/{venue.Id}");
    }

    private void Refused(ConflictException e)
    {
        if (e.Extensions.TryGetValue("existingVenueId", out var id) && id is Guid venueId
            && e.Extensions.TryGetValue("duplicate", out var kind) && kind is string duplicate)
        {
            var name = e.Extensions.TryGetValue("existingVenueName", out var n) ? n as string ?? "" : "";
            Found = new Duplicate(duplicate, venueId, name, e.Detail, duplicate == RegisterVenue.DuplicateVenue.NameAndAddress);
            return;
        }
        ModelState.AddModelError("", e.Detail);
    }

    private async Task LoadPlacesAsync()
    {
        // The towns and streets of the caller's district, and the district itself; a station registers in its own town.
        try
        {
            Places = (await sender.Send(new ListJurisdictions.Query(null), HttpContext.RequestAborted))
                .Where(j => Domain.Access.Jurisdiction.MayChange(user.Jurisdiction, j.Code)).ToList();
        }
        catch (Exception e) when (e is ForbiddenException or NotFoundException or FluentValidation.ValidationException)
        {
            Places = [];
        }
    }
}
