using Inspections.Api.Auth;
using Inspections.Core.Features.Reports;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class ReportEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/reports/work-summary", async (DateOnly? from, DateOnly? to, DateOnly? asOf, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new WorkSummary.Query(from, to, asOf), ct)))
            .Allow<WorkSummary.Query>()
            .WithTags("Reports 工作总结")
            .WithSummary("工作总结数据与段落（检查、场所、案件、窗口受理、函告），由数据生成 Work summary figures and paragraph")
            .Produces<WorkSummary.Report>();
}
