using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Inspections.Core.Common;
using Inspections.Core.Features.Documents;
using Mediator;

namespace Inspections.Api.Endpoints;

/// <summary>
/// Printable documents 执法文书 and 回执 as DOCX, written from the record the matching GET shows. Files, not
/// JSON: mapped by hand, each with the policy of the request it sends; the file name is Chinese, sent as
/// Content-Disposition filename*=UTF-8''….
/// </summary>
public sealed class DocumentEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        Document(app.MapGet("/api/inspections/{id:guid}/documents/{kind}",
                    (Guid id, [OneOf<InspectionDocumentKind>] string kind, IMediator mediator, CancellationToken ct) =>
                        Send(mediator, new PrintInspectionDocument.Query(id, kind), ct))
                .Allow<PrintInspectionDocument.Query>()
                .WithTags("Inspections 检查")
                .WithSummary("打印检查文书（DOCX）：现场检查笔录 inspectionRecord、责令整改通知书 rectificationNotice（仅下达了整改通知的检查，否则 409） Print an inspection document"));

        Document(app.MapGet("/api/cases/{id:guid}/documents/{kind}",
                    (Guid id, [OneOf<CaseDocumentKind>] string kind, IMediator mediator, CancellationToken ct) =>
                        Send(mediator, new PrintCaseDocument.Query(id, kind), ct))
                .Allow<PrintCaseDocument.Query>()
                .WithTags("Cases 行政处罚案件")
                .WithSummary("打印案件文书（DOCX）：立案审批表 filingApproval、行政处罚事先告知书 priorNotice（事先告知后）、行政处罚决定书 decision（作出处罚决定后）；阶段未到为 409 Print a case document"));

        Document(app.MapGet("/api/permits/{id:guid}/documents/{kind}",
                    (Guid id, [OneOf<PermitDocumentKind>] string kind, IMediator mediator, CancellationToken ct) =>
                        Send(mediator, new PrintPermitDocument.Query(id, kind), ct))
                .Allow<PrintPermitDocument.Query>()
                .WithTags("Permits 行政许可")
                .WithSummary("打印许可回执（DOCX）：受理通知书 acceptanceNotice、补正材料通知书 correctionNotice（列出全部补正材料）、不予受理决定书 notAcceptedDecision；阶段不符为 409 Print a permit notice"));
    }

    private static async Task<IResult> Send(IMediator mediator, IQuery<DocumentFile> query, CancellationToken ct)
    {
        var file = await mediator.Send(query, ct);
        return Results.File(file.Content, DocumentFile.ContentType, file.FileName);
    }

    private static void Document(RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status200OK, typeof(byte[]), DocumentFile.ContentType)
        .WithMetadata(new ProblemResponse(StatusCodes.Status409Conflict,
            "记录所处阶段没有该文书（如未下达整改通知的检查、尚未作出处罚决定的案件、尚未受理的申请），detail 说明原因 " +
            "The record's stage has no such document (an inspection without a notice, a case not yet decided, an application not accepted); detail says why"));
}
