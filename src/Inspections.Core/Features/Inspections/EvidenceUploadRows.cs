using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Evidence;

namespace Inspections.Core.Features.Inspections;

/// <summary>The rows of resumable evidence uploads: read, and claimed for one writer at a time.</summary>
internal static class EvidenceUploadRows
{
    private static readonly Sql SelectById = new("""
        SELECT id, inspection_id, jurisdiction, item_code, file_name, content_type, size_bytes, declared_sha256, caption,
            received_bytes, write_token, started_by, started_at, updated_at, evidence_id, completed_at
        FROM evidence_uploads WHERE id = @UploadId AND inspection_id = @InspectionId
        """);

    /// <summary>
    /// The upload, for its starter only: an upload is one person's transfer from one device, and its
    /// unfinished bytes are not yet evidence anyone else works with. Scoped like its inspection first.
    /// </summary>
    public static async Task<EvidenceUploadRow> LoadAsync(DbSession db, ICurrentUser user, Guid inspectionId, Guid uploadId, bool change, CancellationToken ct)
    {
        var jurisdiction = await InspectionRows.JurisdictionAsync(db, inspectionId, ct);
        if (change) user.EnsureCanChange(jurisdiction); else user.EnsureCanSee(jurisdiction);
        var row = await db.QuerySingleOrDefaultAsync<EvidenceUploadRow>(SelectById, new { UploadId = uploadId, InspectionId = inspectionId }, ct)
            ?? throw new NotFoundException("上传", "upload", uploadId);
        if (!string.Equals(row.StartedBy, user.UserId, StringComparison.Ordinal))
            throw new ForbiddenException("只有发起上传的人员可以继续或完成该上传。", "Only the person who started the upload may continue or complete it.");
        return row;
    }

    public static async Task<EvidenceUploadRow> ReloadAsync(DbSession db, Guid inspectionId, Guid uploadId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<EvidenceUploadRow>(SelectById, new { UploadId = uploadId, InspectionId = inspectionId }, ct))!;

    /// <summary>A 409 that tells the client where to resume.</summary>
    public static ConflictException WrongOffset(long offset, long received) => new(
        $"分块起点 {offset} 与已接收的字节数 {received} 不符，请从 {received} 处继续上传。",
        $"The chunk starts at {offset} but {received} bytes have been received; continue from {received}.",
        new Dictionary<string, object?> { ["currentOffset"] = received });

    public static ConflictException AlreadyCompleted(Guid? evidenceId) => new(
        "该上传已完成，不能再追加内容。", "The upload is complete; nothing more can be added.",
        new Dictionary<string, object?> { ["evidenceId"] = evidenceId });
}
