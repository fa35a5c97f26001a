using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Inspections;

/// <summary>Where a resumable upload stands: a client that lost its connection asks this, then sends from <c>receivedBytes</c>.</summary>
public static class GetEvidenceUpload
{
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query(Guid InspectionId, Guid UploadId) : IQuery<EvidenceUploadDto>;

    public sealed class Handler(DbSession db, ICurrentUser user, EvidenceOptions options) : IQueryHandler<Query, EvidenceUploadDto>
    {
        public async ValueTask<EvidenceUploadDto> Handle(Query query, CancellationToken ct) =>
            (await EvidenceUploadRows.LoadAsync(db, user, query.InspectionId, query.UploadId, change: false, ct)).ToDto(options);
    }
}
