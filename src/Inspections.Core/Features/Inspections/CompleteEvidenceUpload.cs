using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Domain.Access;
using Inspections.Domain.Inspections;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// Turns a fully received upload into evidence 证据: the SHA-256 computed while the chunks arrived is
/// checked against the one the client declared (if any), the bytes are checked once more for the declared
/// type, the received bytes become the content-addressed store's file, and the evidence row is written with the
/// upload marked complete in the same transaction. Until then nothing of the upload is evidence. Completing
/// a completed upload answers the same evidence again.
/// </summary>
public static class CompleteEvidenceUpload
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command(Guid InspectionId, Guid UploadId) : ICommand<EvidenceDto>;

    /// <summary>Both ids come from the address; an empty one names no upload.</summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.InspectionId).NotEmpty().Named("检查记录", "Inspection");
            RuleFor(x => x.UploadId).NotEmpty().Named("上传", "Upload");
        }
    }

    private static readonly Sql MarkComplete = new("""
        UPDATE evidence_uploads SET evidence_id = @EvidenceId, completed_at = @Now, updated_at = @Now
        WHERE id = @Id AND evidence_id IS NULL AND received_bytes = size_bytes AND write_token = @Token
        """);

    private static readonly Sql SelectEvidence = new($"SELECT {EvidenceDto.Columns} FROM inspection_evidence WHERE id = @Id");

    public sealed class Handler(DbSession db, ICurrentUser user, TimeProvider clock, UploadStaging staging, IUploadParts parts)
        : ICommandHandler<Command, EvidenceDto>
    {
        public async ValueTask<EvidenceDto> Handle(Command command, CancellationToken ct)
        {
            var row = await EvidenceUploadRows.LoadAsync(db, user, command.InspectionId, command.UploadId, change: true, ct);
            if (row.EvidenceId is { } done)
            {
                db.AuditAbout("evidence", done);
                return (await db.QuerySingleOrDefaultAsync<EvidenceDto>(SelectEvidence, new { Id = done }, ct))!;
            }
            if (row.ReceivedBytes < row.SizeBytes)
                throw new ConflictException(
                    $"文件尚未传完：已接收 {row.ReceivedBytes} 字节，共 {row.SizeBytes} 字节，请从 {row.ReceivedBytes} 处继续上传。",
                    $"The file is not all here: {row.ReceivedBytes} of {row.SizeBytes} bytes received; continue from {row.ReceivedBytes}.",
                    new Dictionary<string, object?> { ["currentOffset"] = row.ReceivedBytes });
            if (!await parts.HoldsAsync(row.Id, row.ReceivedBytes, ct))
                throw new ConflictException("已接收的内容在服务器上缺失，请重新开始上传。",
                    "The bytes received so far are missing on the server; start the upload again.");

            var detected = EvidenceUploadChecks.EnsureTypeAgrees(row.ContentType, await UploadStaging.PartHeadAsync(parts, row.Id, row.ReceivedBytes, EvidenceContent.HeaderBytes, ct));
            var sha256 = await staging.HashAsync(parts, row.Id, row.ReceivedBytes, row.WriteToken, ct);
            if (row.DeclaredSha256 is { } declared && !string.Equals(declared, sha256, StringComparison.Ordinal))
                throw Input.Invalid("Sha256", $"收到的文件 SHA-256 为 {sha256}，与声明的 {declared} 不符，文件在传输中可能已损坏，请重新上传。",
                    $"The file received has SHA-256 {sha256}, not the declared {declared}; it may have been damaged in transit, upload it again.");

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await db.ExecuteAsync(UploadEvidence.Insert, new
            {
                Id = id,
                row.InspectionId,
                row.ItemCode,
                row.FileName,
                ContentType = detected.ContentType(),
                SizeBytes = row.SizeBytes,
                Sha256 = sha256,
                row.Caption,
                UploadedBy = user.UserId,
                Now = now,
            }, ct);
            if (await db.ExecuteAsync(MarkComplete, new { row.Id, EvidenceId = id, Now = now, Token = row.WriteToken }, ct) == 0)
                throw new ConflictException("该上传刚被另一个请求完成或修改，请重新查询上传状态。",
                    "The upload was just completed or changed by another request; ask for its state again.");
            // Last, so a refusal above leaves the received bytes where a retry finds them. Should the commit still fail,
            // a file moved into the folder store is unreferenced and harmless (the store is addressed by content); the
            // database store's adoption is rolled back with the rest.
            await parts.StoreAsync(row.Id, sha256, row.SizeBytes, ct);
            staging.Forget(row.Id);
            db.AuditAbout("evidence", id);
            return (await db.QuerySingleOrDefaultAsync<EvidenceDto>(SelectEvidence, new { Id = id }, ct))!;
        }
    }
}
