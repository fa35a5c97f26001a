using Inspections.Core.Features.Audit;

namespace Inspections.Api.Endpoints;

public sealed class AuditEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<AuditTrail.Query, IReadOnlyList<AuditTrail.AuditEntryDto>>("/api/audit",
                (string? entityType, string? entityId) => new AuditTrail.Query(entityType, entityId))
            .WithTags("Audit 执法全过程记录")
            .WithSummary("按实体查询审计记录 Audit trail of one entity");
}
