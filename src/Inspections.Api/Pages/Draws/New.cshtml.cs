using System.ComponentModel.DataAnnotations;
using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Draws;

/// <summary>
/// Makes a random draw 双随机抽取 by the DrawVenues request, as POST /api/draws: how many venues, of which type
/// and licence status, and the officers to pair (by login; their names and credentials come from the users
/// table). Lands on the draw's page.
/// </summary>
[AllowRolesOf(typeof(DrawVenues.Command))]
public sealed class NewModel(ISender sender, ICurrentUser user, TimeProvider clock) : PageModel
{
    [BindProperty] public Form Input { get; set; } = new();

    public sealed class Form
    {
        [Display(Name = "抽取名称")] public string? Name { get; set; }
        [Display(Name = "场所类型")] public string? VenueType { get; set; }
        [Display(Name = "证照状态")] public string? LicenseStatus { get; set; }
        [Display(Name = "抽取数量")] public int? Count { get; set; }
        /// <summary>Logins separated by commas, 、 or spaces.</summary>
        [Display(Name = "执法人员")] public string? Officers { get; set; }
        [Display(Name = "随机种子")] public int? Seed { get; set; }
    }

    public void OnGet()
    {
        var today = DateOnly.FromDateTime(Show.Beijing(clock.GetUtcNow()).DateTime);
        Input = new Form { Name = $"{today.Year}年{today.Month}月双随机抽查", Count = 5, Officers = user.UserId };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var logins = (Input.Officers ?? "")
            .Split([',', '，', '、', ';', '；', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => new RecordInspection.Officer(l, null, null))
            .ToList();
        var (ok, draw) = await this.TrySendAsync(sender, new DrawVenues.Command
        {
            Name = Input.Name ?? "",
            VenueType = string.IsNullOrEmpty(Input.VenueType) ? null : Input.VenueType,
            LicenseStatus = string.IsNullOrEmpty(Input.LicenseStatus) ? null : Input.LicenseStatus,
            Count = Input.Count,
            Officers = logins,
            Seed = Input.Seed,
        });
        if (!ok)
        {
            // An officer's own error ("Officers[2].UserId") is shown beside the one field that lists them all.
            foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Officers[", StringComparison.Ordinal)).ToList())
            {
                foreach (var error in ModelState[key]!.Errors) ModelState.AddModelError("Input.Officers", error.ErrorMessage);
                ModelState.Remove(key);
            }
            return Page();
        }
        TempData["Notice"] = $"已抽取 {draw.Assignments.Count} 家场所，待科长审核公示。";
        return Redirect($"/draws/{draw.Id}");
    }
}
