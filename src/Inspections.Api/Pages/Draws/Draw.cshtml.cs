using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Inspections;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Draws;

/// <summary>
/// One draw 双随机抽取: its inputs, whether it replays, the drawn venue–officer pairs with the inspection that
/// followed, and its publication — the GetDraw request, as GET /api/draws/{id}. A section head releases it for
/// publication here by the PublishDraw request (POST /api/draws/{id}/publish); officers see the state only.
/// </summary>
[AllowRolesOf(typeof(GetDraw.Query))]
public sealed class DrawModel(ISender sender) : PageModel
{
    public DrawDto Draw { get; private set; } = new();
    public bool MayPublish { get; private set; }

    /// <summary>Whether the signed-in user may record an inspection (the drawn pair's page opens from "去检查").</summary>
    public bool MayInspect => Core.Behaviors.AllowedRolesAttribute.Of(typeof(RecordInspection.Command))!.Any(User.IsInRole);

    public async Task OnGetAsync(Guid id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        var (ok, _) = await this.TrySendAsync(sender, new PublishDraw.Command(id), prefix: "");
        if (!ok)
        {
            await LoadAsync(id);
            return Page();
        }
        TempData["Notice"] = "已审核公示，抽取名单和检查结果可对外公开。";
        return Redirect($"/draws/{id}");
    }

    private async Task LoadAsync(Guid id)
    {
        Draw = await sender.Send(new GetDraw.Query(id), HttpContext.RequestAborted);
        MayPublish = Draw.PublishedAt is null && Core.Behaviors.AllowedRolesAttribute.Of(typeof(PublishDraw.Command))!.Any(User.IsInRole)
            && !Jurisdiction.IsTown(User.FindFirst(ClaimNames.Jurisdiction)?.Value);
    }

    public static string Outcome(string? outcome) =>
        outcome is null ? "" : Wire.TryParse<InspectionOutcome>(outcome, out var o) ? o.ChineseName() : outcome;
}
