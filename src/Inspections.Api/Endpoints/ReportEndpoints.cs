using Inspections.Api.Auth;
using Inspections.Core.Features.Reports;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class ReportEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapQuery<WorkSummary.Query, WorkSummary.Report>("/api/reports/work-summary",
                (DateOnly? from, DateOnly? to, DateOnly? asOf) => new WorkSummary.Query(from, to, asOf))
            .WithTags("Reports 工作总结")
            .WithSummary("工作总结数据与段落（检查、场所、案件、窗口受理、函告），由数据生成 Work summary figures and paragraph");

        // One address, three forms of the same report: JSON by default, or the files an office keeps. Files are not JSON,
        // so the endpoint is mapped by hand, with the policy of the request it sends.
        app.MapGet("/api/reports/half-year", async ([AsParameters] HalfYearReport.Query query, IMediator mediator, CancellationToken ct) =>
            {
                var report = await mediator.Send(query, ct);
                return query.Format switch
                {
                    "docx" => Results.File(HalfYearFiles.Docx(report), HalfYearFiles.DocxType, HalfYearFiles.FileName(report, "docx")),
                    "xlsx" => Results.File(HalfYearFiles.Xlsx(report), HalfYearFiles.XlsxType, HalfYearFiles.FileName(report, "xlsx")),
                    _ => Results.Ok(report),
                };
            })
            .Allow<HalfYearReport.Query>()
            .WithTags("Reports 工作总结")
            .WithSummary("半年工作总结：format=json（数据、章节与句子）、docx（可编辑的总结文书，叙述部分为【请填写】占位）、xlsx（数据表）；辖区默认本人所属，市级可选下辖区县 Half-year report")
            // One 200 in three types; the document's transformer describes the two files as bytes.
            .Produces<HalfYearReport.Report>(StatusCodes.Status200OK, "application/json", HalfYearFiles.DocxType, HalfYearFiles.XlsxType);
    }
}
