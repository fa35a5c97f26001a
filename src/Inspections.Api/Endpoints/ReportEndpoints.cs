using Inspections.Core.Features.Reports;

namespace Inspections.Api.Endpoints;

public sealed class ReportEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapQuery<WorkSummary.Query, WorkSummary.Report>("/api/reports/work-summary",
                (DateOnly? from, DateOnly? to, DateOnly? asOf) => new WorkSummary.Query(from, to, asOf))
            .WithTags("Reports 工作总结")
            .WithSummary("工作总结数据与段落（检查、场所、案件、窗口受理、函告），由数据生成 Work summary figures and paragraph");
}
