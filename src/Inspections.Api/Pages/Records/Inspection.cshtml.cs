using Inspections.Api.Auth;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Common;
using Inspections.Domain.Inspections;
using Inspections.Core.Features.Documents;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>An inspection and its rectification notice, read-only, from the same GetInspection request as GET /api/inspections/{id}.</summary>
[AllowRolesOf(typeof(GetInspection.Query))]
public sealed class InspectionModel(ISender sender) : PageModel
{
    public InspectionDto Inspection { get; private set; } = new();

    public async Task OnGetAsync(Guid id) => Inspection = await sender.Send(new GetInspection.Query(id), HttpContext.RequestAborted);

    /// <summary>现场检查笔录 / 责令整改通知书 as DOCX, from the same request as GET /api/inspections/{id}/documents/{kind}.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, string? kind) =>
        Printed.File(await sender.Send(new PrintInspectionDocument.Query(id, kind), HttpContext.RequestAborted));

    public IReadOnlyList<Printed.Link> Documents =>
        Inspection.RectificationIssuedOn is null
            ? [new("现场检查笔录", "inspectionRecord")]
            : [new("现场检查笔录", "inspectionRecord"), new("责令整改通知书", "rectificationNotice")];

    /// <summary>
    /// An evidence file for the page's players (video, audio) and pictures, from the same DownloadEvidence request
    /// as GET /api/inspections/{id}/evidence/{evidenceId}: checked against its SHA-256, and answering range
    /// requests (206), which is how a browser plays and seeks a recording.
    /// </summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid evidenceId)
    {
        var file = await sender.Send(new DownloadEvidence.Query(id, evidenceId), HttpContext.RequestAborted);
        return new FileStreamResult(file.Open(), file.Evidence.ContentType)
        {
            EnableRangeProcessing = true,
            LastModified = file.Evidence.UploadedAt,
            EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.Evidence.Sha256}\""),
        };
    }

    public static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    public static string Outcome(string outcome) =>
        Wire.TryParse<InspectionOutcome>(outcome, out var o) ? o.ChineseName() : outcome;

    public static string Result(string result) => result switch
    {
        "compliant" => "符合",
        "violation" => "违规",
        "notApplicable" => "不适用",
        _ => result,
    };
}
