using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Inspections.Core.Evidence;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Common;
using Inspections.Domain.Inspections;
using Inspections.Core.Features.Documents;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages.Records;

/// <summary>
/// An inspection and its rectification notice, from the same GetInspection request as GET /api/inspections/{id}; its
/// evidence played back with range requests, and body-camera video and audio 执法记录仪 uploaded to it in resumable chunks.
/// </summary>
[AllowRolesOf(typeof(GetInspection.Query))]
public sealed class InspectionModel(ISender sender, EvidenceOptions evidenceOptions) : PageModel
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

    /// <summary>
    /// The chunk size the page's uploader sends: small enough that a dropped mobile connection loses little
    /// (each chunk is resumable on its own), never more than a chunk may hold.
    /// </summary>
    public int UploadChunkBytes => Math.Min(evidenceOptions.MaxChunkBytes, 2 * 1024 * 1024);

    public long MaxUploadBytes => evidenceOptions.MaxUploadBytes;

    /// <summary>Whether the signed-in user's role may upload recordings (the jurisdiction is the request's to check).</summary>
    public bool MayUpload => Core.Behaviors.AllowedRolesAttribute.Of(typeof(StartEvidenceUpload.Command))!.Any(User.IsInRole);

    // The body-camera uploader (wwwroot/js/evidence-upload.js): the same four requests as the API's resumable upload
    // (POST …/evidence/uploads, GET and PUT …/uploads/{uploadId}, POST …/uploads/{uploadId}/complete), over the
    // session cookie and the anti-forgery header, answered as JSON or as the API's problem documents.

    /// <summary>Starts an upload: the same StartEvidenceUpload request as POST /api/inspections/{id}/evidence/uploads.</summary>
    public Task<IActionResult> OnPostUploadStartAsync(Guid id, [FromBody] StartEvidenceUpload.Command? command)
    {
        var request = (command ?? new StartEvidenceUpload.Command()) with { InspectionId = id };
        return this.SendAsync(request, ct => sender.Send(request, ct));
    }

    /// <summary>Where an upload stands: the same GetEvidenceUpload request as GET /api/inspections/{id}/evidence/uploads/{uploadId}.</summary>
    public Task<IActionResult> OnGetUploadAsync(Guid id, Guid uploadId)
    {
        var request = new GetEvidenceUpload.Query(id, uploadId);
        return this.SendAsync(request, ct => sender.Send(request, ct));
    }

    /// <summary>One chunk (raw body, Content-Range): the same AppendEvidenceChunk request as PUT /api/inspections/{id}/evidence/uploads/{uploadId}.</summary>
    public async Task<IActionResult> OnPostUploadChunkAsync(Guid id, Guid uploadId, [FromHeader(Name = "Content-Range")] string? contentRange,
        [FromServices] UploadStaging staging)
    {
        var request = await EvidenceChunks.ReadAsync(HttpContext, id, uploadId, contentRange, staging, evidenceOptions, HttpContext.RequestAborted);
        return await this.SendAsync(request, ct => sender.Send(request, ct));
    }

    /// <summary>Completes an upload into evidence: the same CompleteEvidenceUpload request as POST …/uploads/{uploadId}/complete.</summary>
    public Task<IActionResult> OnPostUploadCompleteAsync(Guid id, Guid uploadId)
    {
        var request = new CompleteEvidenceUpload.Command(id, uploadId);
        return this.SendAsync(request, ct => sender.Send(request, ct));
    }

    public static string Size(long bytes) => bytes >= 1L << 30 ? $"{bytes / (double)(1L << 30):0.#} GB" : bytes >= 1 << 20 ? $"{bytes / (double)(1 << 20):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

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
