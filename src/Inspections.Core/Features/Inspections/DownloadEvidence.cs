using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>
/// An evidence file, scoped like its inspection. The bytes are checked against the hash recorded at upload
/// and refused when they no longer match it: altered evidence is never served. A file is hashed again
/// whenever its size or modification time changed since it was last found intact (see
/// <see cref="IEvidenceStore.CheckAsync"/>), so a video played back with many range requests is read in
/// full once, not once per request. The answer carries the bytes as a seekable stream for range requests (the
/// database store fetches only the pieces a range covers).
/// </summary>
public static class DownloadEvidence
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid InspectionId, Guid EvidenceId) : IQuery<EvidenceFile>;

    public sealed record EvidenceFile(EvidenceDto Evidence, Func<Stream> Open);

    private static readonly Sql SelectById = new(
        $"SELECT {EvidenceDto.Columns} FROM inspection_evidence WHERE id = @Id AND inspection_id = @InspectionId");

    public sealed class Handler(DbSession db, ICurrentUser user, IEvidenceStore store) : IQueryHandler<Query, EvidenceFile>
    {
        public async ValueTask<EvidenceFile> Handle(Query query, CancellationToken ct)
        {
            user.EnsureCanSee(await InspectionRows.JurisdictionAsync(db, query.InspectionId, ct));
            var evidence = await db.QuerySingleOrDefaultAsync<EvidenceDto>(SelectById, new { Id = query.EvidenceId, query.InspectionId }, ct)
                ?? throw new NotFoundException("证据", "evidence", query.EvidenceId);
            var state = await store.CheckAsync(evidence.Sha256, ct);
            if (state == StoredState.Missing)
                throw new ConflictException("证据文件缺失，请联系管理员。", "The evidence file is missing from storage; contact an administrator.");
            if (state == StoredState.Altered)
                throw new ConflictException("证据文件已被篡改（SHA-256 与上传时记录的不一致），拒绝下载。",
                    "The evidence file has been tampered with (its SHA-256 differs from the one recorded at upload); refusing to serve it.",
                    new Dictionary<string, object?> { ["recordedSha256"] = evidence.Sha256 });
            var stream = await store.OpenReadAsync(evidence.Sha256, ct)
                ?? throw new ConflictException("证据文件缺失，请联系管理员。", "The evidence file is missing from storage; contact an administrator.");
            return new EvidenceFile(evidence, () => stream);
        }
    }
}
