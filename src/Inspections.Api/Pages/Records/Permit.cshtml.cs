using Inspections.Api.Auth;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Features.Documents;
using Inspections.Core.Features.Permits;
using Inspections.Domain.Access;
using Inspections.Domain.Permits;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>
/// A licence application from the same GetPermit request as GET /api/permits/{id}, with the window's next steps as
/// forms: only the steps the state machine allows from the stage it shows (<see cref="PermitDto.AllowedNext"/>, from
/// <see cref="PermitStageMachine"/>), each sent as the same TransitionPermit, HandOffPermit or ExtendPermit request
/// as the endpoints, so their rules, roles and station bars hold here as on the API.
/// </summary>
[AllowRolesOf(typeof(GetPermit.Query))]
public sealed class PermitModel(ISender sender) : PageModel
{
    public const string Stale = "该申请已被他人办理或修改，页面已显示最新情况，请核对后重试。";

    public PermitDto Permit { get; private set; } = new();

    /// <summary>Whom the file may be passed to (the caller's window), when the caller may pass it on.</summary>
    public IReadOnlyList<ListWindowStaff.StaffMember> Staff { get; private set; } = [];

    /// <summary>Which step's form was sent and answered with errors (its errors are shown beside it).</summary>
    public string? Failed { get; private set; }

    [BindProperty] public StepForm Input { get; set; } = new();

    /// <summary>The fields of every step form; each form sends the ones its step needs.</summary>
    public sealed class StepForm
    {
        public string? To { get; set; }
        public long? Version { get; set; }
        public string? Note { get; set; }
        /// <summary>Materials handed in now (acceptance).</summary>
        public List<string> Materials { get; set; } = [];
        /// <summary>On the correction form: the materials still missing, all ticked unless the applicant handed one in on the spot.</summary>
        public List<string> StillMissing { get; set; } = [];
        public string? SuspensionKind { get; set; }
        public string? CertificateNumber { get; set; }
        public string? ToUserId { get; set; }
        public string? Message { get; set; }
        public int? Days { get; set; }
        public string? Reason { get; set; }
    }

    private bool IsStation => Jurisdiction.IsTown(User.FindFirst(ClaimNames.Jurisdiction)?.Value);

    private bool May(Type request) =>
        !IsStation && (AllowedRolesAttribute.Of(request) ?? []).Intersect(Show.RolesOf(User)).Any();

    /// <summary>The caller may move the application on (a clerk or section head of a district or city, not a station).</summary>
    public bool CanMove => May(typeof(TransitionPermit.Command)) && Permit.AllowedNext.Count > 0;

    public bool CanHandOff => May(typeof(HandOffPermit.Command)) && Permit.AllowedNext.Count > 0;

    /// <summary>
    /// A section head may extend the statutory limit once, while its clock runs and before the decision
    /// (行政许可法 art. 42; the rule ExtendPermit enforces).
    /// </summary>
    public bool CanExtend => May(typeof(ExtendPermit.Command)) && Permit.Extensions.Count == 0
        && Wire.TryParse<PermitStage>(Permit.Stage, out var stage)
        && PermitStageMachine.ClocksRun(stage) && stage is not (PermitStage.Approved or PermitStage.Refused);

    public async Task OnGetAsync(Guid id) => await LoadAsync(id);

    private async Task LoadAsync(Guid id)
    {
        Permit = await sender.Send(new GetPermit.Query(id), HttpContext.RequestAborted);
        if (CanHandOff)
            Staff = (await sender.Send(new ListWindowStaff.Query(), HttpContext.RequestAborted)).Where(s => s.Id != Permit.HolderId).ToList();
    }

    /// <summary>One step of the state machine (TransitionPermit, as POST /api/permits/{id}/transitions).</summary>
    public async Task<IActionResult> OnPostStepAsync(Guid id)
    {
        var current = await sender.Send(new GetPermit.Query(id), HttpContext.RequestAborted);
        var materials = Input.To == Wire.Name(PermitStage.CorrectionRequested)
            // Unticking a missing material on the correction form means it was handed in on the spot: it is recorded, not asked for.
            ? current.MissingMaterials.Select(m => m.Code).Where(c => !Input.StillMissing.Contains(c, StringComparer.Ordinal)).ToList()
            : Input.Materials;
        var (ok, moved) = await this.TrySendAsync(sender, new TransitionPermit.Command
        {
            Id = id,
            To = Input.To,
            Version = Input.Version,
            Note = Input.Note,
            Materials = materials,
            SuspensionKind = string.IsNullOrEmpty(Input.SuspensionKind) ? null : Input.SuspensionKind,
            CertificateNumber = Input.CertificateNumber,
        }, conflict: null);
        if (!ok) return await AgainAsync(id, "step-" + Input.To);
        TempData["Notice"] = $"已办理：{moved.StageName}。";
        return Redirect($"/permits/{id}");
    }

    /// <summary>Passing the file on (HandOffPermit, as POST /api/permits/{id}/handoffs).</summary>
    public async Task<IActionResult> OnPostHandOffAsync(Guid id)
    {
        var (ok, moved) = await this.TrySendAsync(sender, new HandOffPermit.Command
        {
            Id = id, Version = Input.Version, ToUserId = Input.ToUserId, Message = Input.Message,
        }, conflict: Stale);
        if (!ok) return await AgainAsync(id, "handoff");
        TempData["Notice"] = $"已转交 {moved.HolderName}。";
        return Redirect($"/permits/{id}");
    }

    /// <summary>Extending the statutory limit (ExtendPermit, as POST /api/permits/{id}/extensions).</summary>
    public async Task<IActionResult> OnPostExtendAsync(Guid id)
    {
        var (ok, _) = await this.TrySendAsync(sender, new ExtendPermit.Command
        {
            Id = id, Version = Input.Version, Days = Input.Days, Reason = Input.Reason,
        }, conflict: Stale);
        if (!ok) return await AgainAsync(id, "extend");
        TempData["Notice"] = "已批准延长法定时限。";
        return Redirect($"/permits/{id}");
    }

    /// <summary>The page again, as it stands now, with the errors beside the form that was sent.</summary>
    private async Task<IActionResult> AgainAsync(Guid id, string form)
    {
        Failed = form;
        await LoadAsync(id);
        return Page();
    }

    /// <summary>受理通知书 / 补正材料通知书 / 不予受理决定书 as DOCX, from the same request as GET /api/permits/{id}/documents/{kind}.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string? kind) =>
        Printed.File(await sender.Send(new PrintPermitDocument.Query(id, kind), HttpContext.RequestAborted));

    /// <summary>The notices the application's stage has; none for a town station, which decides no permits.</summary>
    public IReadOnlyList<Printed.Link> Documents =>
        IsStation ? [] :
        new Printed.Link?[]
        {
            Permit.AcceptedOn is null ? null : new("受理通知书", "acceptanceNotice"),
            Permit.CorrectionItems is { Count: > 0 } ? new("补正材料通知书", "correctionNotice") : null,
            Permit.Stage == "notAccepted" ? new("不予受理决定书", "notAcceptedDecision") : null,
        }.OfType<Printed.Link>().ToList();
}
