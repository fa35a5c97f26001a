using System.Net.Http.Headers;
using Inspections.Core.Evidence;
using Inspections.Core.Features.Inspections;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// One chunk of a resumable evidence upload read off the request, for the API's PUT …/uploads/{id} and the
/// inspection page's upload alike: the body spooled to a file (at most one byte more than a chunk may hold, so the
/// validator can say "too large"; never held in memory; deleted when the response is done) and the Content-Range
/// header parsed into the AppendEvidenceChunk request both send.
/// </summary>
public static class EvidenceChunks
{
    public static async Task<AppendEvidenceChunk.Command> ReadAsync(HttpContext http, Guid inspectionId, Guid uploadId, string? contentRange,
        UploadStaging staging, EvidenceOptions options, CancellationToken ct)
    {
        var spool = staging.NewSpoolPath(uploadId);
        http.Response.RegisterForDispose(new DeleteOnDispose(spool));
        var bodyBytes = await UploadStaging.SpoolAsync(http.Request.Body, spool, options.MaxChunkBytes + 1L, ct);
        var parsed = ContentRangeHeaderValue.TryParse(contentRange, out var r) && r.Unit == "bytes" && r is { HasRange: true, From: { } from, To: { } to } && to >= from;
        return new AppendEvidenceChunk.Command
        {
            InspectionId = inspectionId,
            UploadId = uploadId,
            Offset = parsed ? r!.From : null,
            Last = parsed ? r!.To : null,
            Total = parsed ? r!.Length : null,
            BodyBytes = bodyBytes,
            SpoolPath = spool,
        };
    }

    private sealed class DeleteOnDispose(string path) : IDisposable
    {
        public void Dispose()
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
