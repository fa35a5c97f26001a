using Inspections.Api.Auth;
using Inspections.Core.Evidence;
using Inspections.Core.Features.Inspections;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Api.Endpoints;

public sealed class InspectionEvidenceEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var evidence = app.MapGroup("/api/inspections/{id:guid}/evidence").WithTags("Inspections 检查");

        // Token-authenticated API: no cookies, so no cross-site form posts to defend against.
        evidence.MapCreate<UploadEvidence.Command, EvidenceDto>("/", async (Guid id, IFormFile? file, [FromForm] string? itemCode, [FromForm] string? caption,
                EvidenceOptions options, CancellationToken ct) => new UploadEvidence.Command
                {
                    InspectionId = id,
                    FileName = file?.FileName,
                    ItemCode = itemCode,
                    Caption = caption,
                    Content = file is null ? null : await ReadAtMost(file, options.MaxBytes + 1, ct),
                },
                (command, created) => $"/api/inspections/{command.InspectionId}/evidence/{created.Id}")
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("上传证据（照片 JPEG/PNG 或 PDF，multipart 字段 file、itemCode、caption） Upload evidence");

        // A file, not JSON: mapped by hand, with the policy of the request it sends.
        evidence.MapGet("/{evidenceId:guid}", async (Guid id, Guid evidenceId, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new DownloadEvidence.Query(id, evidenceId), ct);
                return Results.File(file.Content, file.Evidence.ContentType, file.Evidence.FileName);
            })
            .Allow<DownloadEvidence.Query>()
            .WithSummary("下载证据（校验 SHA-256，被篡改则 409） Download evidence")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/jpeg", "image/png", "application/pdf")
            .ProducesProblem(StatusCodes.Status409Conflict); // the stored file no longer matches its SHA-256
    }

    /// <summary>Reads no more than the limit allows (plus one byte, so the validator can say "too large").</summary>
    private static async Task<byte[]> ReadAtMost(IFormFile file, long limit, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
