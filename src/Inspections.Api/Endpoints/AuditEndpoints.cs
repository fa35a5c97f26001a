using Inspections.Api.Auth;
using Inspections.Core.Features.Audit;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class AuditEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", async (string? entityType, string? entityId, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new AuditTrail.Query(entityType, entityId), ct)))
            .Allow<AuditTrail.Query>()
            .WithTags("Audit 执法全过程记录")
            .WithSummary("按实体查询审计记录 Audit trail of one entity")
            .Produces<IReadOnlyList<AuditTrail.AuditEntryDto>>();
}
