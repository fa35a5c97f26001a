using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Evidence;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// A resumable upload of an evidence file 证据材料 (body-camera video, audio): how much has arrived
/// (<see cref="ReceivedBytes"/> is the offset of the next chunk), and the evidence it became once complete.
/// </summary>
public sealed record EvidenceUploadDto
{
    public Guid Id { get; init; }
    public Guid InspectionId { get; init; }
    public string FileName { get; init; } = "";
    /// <summary>The declared content type; the file's first bytes must agree with it.</summary>
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public long ReceivedBytes { get; init; }
    /// <summary>The SHA-256 the client declared (checked on completion), if it declared one.</summary>
    public string? DeclaredSha256 { get; init; }
    public string? ItemCode { get; init; }
    public string? Caption { get; init; }
    public string StartedBy { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>When the unfinished upload is removed if no chunk arrives before then.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>The largest chunk one request may carry.</summary>
    public int MaxChunkBytes { get; init; }
    public bool Completed => EvidenceId is not null;
    public Guid? EvidenceId { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>The upload row as handlers read it, and the statements the upload use cases share.</summary>
internal sealed record EvidenceUploadRow
{
    public Guid Id { get; init; }
    public Guid InspectionId { get; init; }
    public string Jurisdiction { get; init; } = "";
    public string? ItemCode { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public string? DeclaredSha256 { get; init; }
    public string? Caption { get; init; }
    public long ReceivedBytes { get; init; }
    public Guid WriteToken { get; init; }
    public string StartedBy { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public Guid? EvidenceId { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    public EvidenceUploadDto ToDto(EvidenceOptions options) => new()
    {
        Id = Id, InspectionId = InspectionId, FileName = FileName, ContentType = ContentType, SizeBytes = SizeBytes,
        ReceivedBytes = ReceivedBytes, DeclaredSha256 = DeclaredSha256, ItemCode = ItemCode, Caption = Caption,
        StartedBy = StartedBy, StartedAt = StartedAt, UpdatedAt = UpdatedAt,
        ExpiresAt = EvidenceId is null ? UpdatedAt + options.UploadExpiry : null,
        MaxChunkBytes = options.MaxChunkBytes, EvidenceId = EvidenceId, CompletedAt = CompletedAt,
    };
}
