using Inspections.Api.Auth;
using Inspections.Api.Infrastructure;
using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Registers;
using Inspections.Core.Features.Unlicensed;
using Inspections.Domain.Cases;
using Inspections.Domain.Inspections;
using Inspections.Domain.Permits;
using Inspections.Domain.Venues;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Api.Endpoints;

/// <summary>
/// The registers 台账 offices keep in spreadsheets, as XLSX downloads: each takes the query parameters of the search
/// it matches (without cursor and limit: every row, in the search's order) and answers for the same roles and
/// jurisdiction. Files, not JSON: mapped by hand like the printed documents, each with the policy of its request.
/// The rows are streamed as they are read, so a register of any size downloads in bounded memory.
/// </summary>
public sealed class RegisterEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var registers = app.MapGroup("/api/registers").WithTags("Registers 台账");

        Register(registers.MapGet("/venues.xlsx", async ([AsParameters] VenueFilters p, IMediator mediator, CancellationToken ct) =>
                    new RegisterDownload(await mediator.Send(p.ToQuery(), ct)))
                .Allow<ExportVenueRegister.Query>()
                .WithSummary("场所台账（XLSX）：与查询场所相同的筛选条件（类型、证照状态、名称、辖区），全部行 The venue register as a spreadsheet"));

        Register(registers.MapGet("/inspections.xlsx", async ([AsParameters] InspectionFilters p, IMediator mediator, CancellationToken ct) =>
                    new RegisterDownload(await mediator.Send(p.ToQuery(), ct)))
                .Allow<ExportInspectionLedger.Query>()
                .WithSummary("检查台账（XLSX）：与查询检查相同的筛选条件（场所、执法人员、期间、类型、结果、专项行动、辖区），新者在前 The inspection ledger as a spreadsheet"));

        Register(registers.MapGet("/cases.xlsx", async ([AsParameters] CaseFilters p, IMediator mediator, CancellationToken ct) =>
                    new RegisterDownload(await mediator.Send(p.ToQuery(), ct)))
                .Allow<ExportCaseRegister.Query>()
                .WithSummary("案件台账（XLSX）：与查询案件相同的筛选条件（阶段、在办、承办人、场所、违法行为、立案期间、案号） The case register as a spreadsheet"));

        Register(registers.MapGet("/permits.xlsx", async ([AsParameters] PermitFilters p, IMediator mediator, CancellationToken ct) =>
                    new RegisterDownload(await mediator.Send(p.ToQuery(), ct)))
                .Allow<ExportWindowLedger.Query>()
                .WithSummary("窗口受理台账（XLSX）：本辖区全部许可申请，按办理阶段、申请类型、收件期间筛选，按收件先后 The window ledger as a spreadsheet"));

        Register(registers.MapGet("/campaign-venues.xlsx", async (Guid? campaignId, IMediator mediator, CancellationToken ct) =>
                    new RegisterDownload(await mediator.Send(new ExportCampaignLedger.Query { CampaignId = campaignId }, ct)))
                .Allow<ExportCampaignLedger.Query>()
                .WithSummary("整治台账（XLSX）：无证无照整治行动的场所、整改通知、前置条件与整治结果（campaignId 必填） The campaign ledger as a spreadsheet"));

        Register(registers.MapGet("/alerts.xlsx", async ([AsParameters] AlertFilters p, IMediator mediator, CancellationToken ct) =>
                    new RegisterDownload(await mediator.Send(p.ToQuery(), ct)))
                .Allow<ExportAlertList.Query>()
                .WithSummary("预警清单（XLSX）：与预警列表相同的筛选条件（类型、对象类型、含已确认、只看我的） The alert list as a spreadsheet"));

        var campaigns = app.MapGroup("/api/unlicensed-campaigns").WithTags("Unlicensed-venue rectification 无证无照经营整治");

        Register(campaigns.MapGet("/survey-template.xlsx", async (IMediator mediator, CancellationToken ct) =>
                    new RegisterDownload(await mediator.Send(new GetSurveyTemplate.Query(), ct)))
                .Allow<GetSurveyTemplate.Query>()
                .WithSummary("摸底排查表模板（XLSX）：导入所需的表头，及各列填写要求 The survey list template"));

        // Token-authenticated API: no cookies, so no cross-site form posts to defend against.
        campaigns.MapCommand<ImportSurvey.Command, ImportSurvey.Result>("/{id:guid}/venues/import",
                async (Guid id, IFormFile? file, bool? importValidRows, CancellationToken ct) => new ImportSurvey.Command
                {
                    CampaignId = id,
                    FileName = file?.FileName,
                    Content = file is null ? null : await ReadAtMost(file, SurveySheet.MaxBytes + 1, ct),
                    ImportValidRows = importValidRows ?? false,
                })
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new ProblemResponse(StatusCodes.Status422UnprocessableEntity,
                "表格中有错误的行，未导入任何数据：rowErrors 逐行列出（row 行号、column 列名、message 原因），validRows 为无误的行数；" +
                "或同一幂等键配了不同的请求 Rows of the sheet are wrong and nothing was stored: rowErrors lists each (row, column, message); " +
                "or the idempotency key was used with another request"))
            .WithSummary($"导入摸底排查表（XLSX 或 CSV，UTF-8/GBK；multipart 字段 file，最大 {SurveySheet.MaxBytes / 1024 / 1024} MB、{SurveySheet.MaxRows} 行）：" +
                         "每行如同摸底排查登记一处场所，全部在一个事务内；有错误的行时不导入任何数据并返回 422，importValidRows=true 时只导入无误的行并在 errors 中列出其余 " +
                         "Import a survey list into the campaign");
    }

    private static void Register(RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status200OK, typeof(byte[]), RegisterFile.ContentType);

    private static async Task<byte[]> ReadAtMost(IFormFile file, long limit, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    public sealed record VenueFilters([OneOf<VenueType>] string? Type, [OneOf<LicenseStatus>] string? LicenseStatus, string? Name, string? Jurisdiction)
    {
        public ExportVenueRegister.Query ToQuery() => new() { Type = Type, LicenseStatus = LicenseStatus, Name = Name, Jurisdiction = Jurisdiction };
    }

    public sealed record InspectionFilters(
        Guid? VenueId, string? Officer, DateOnly? From, DateOnly? To, [OneOf<InspectionKind>] string? Kind, [OneOf<InspectionOutcome>] string? Outcome,
        Guid? CampaignId, string? Jurisdiction, bool? LeadsPending)
    {
        public ExportInspectionLedger.Query ToQuery() => new()
        {
            VenueId = VenueId, Officer = Officer, From = From, To = To, Kind = Kind, Outcome = Outcome,
            CampaignId = CampaignId, Jurisdiction = Jurisdiction, LeadsPending = LeadsPending,
        };
    }

    public sealed record CaseFilters(
        [OneOf<CaseStage>] string? Stage, bool? OpenOnly, string? OfficerId, Guid? VenueId, string? ViolationCode,
        DateOnly? FiledFrom, DateOnly? FiledTo, string? CaseNumber)
    {
        public ExportCaseRegister.Query ToQuery() => new()
        {
            Stage = Stage, OpenOnly = OpenOnly, OfficerId = OfficerId, VenueId = VenueId, ViolationCode = ViolationCode,
            FiledFrom = FiledFrom, FiledTo = FiledTo, CaseNumber = CaseNumber,
        };
    }

    public sealed record PermitFilters([OneOf<PermitStage>] string? Stage, [OneOf<PermitKind>] string? Kind, DateOnly? From, DateOnly? To)
    {
        public ExportWindowLedger.Query ToQuery() => new() { Stage = Stage, Kind = Kind, From = From, To = To };
    }

    public sealed record AlertFilters([OneOf("dueSoon", "overdue")] string? Kind, string? SubjectType, bool? IncludeAcknowledged, bool? Mine)
    {
        public ExportAlertList.Query ToQuery() => new()
        {
            Kind = Kind, SubjectType = SubjectType, IncludeAcknowledged = IncludeAcknowledged ?? false, Mine = Mine ?? false,
        };
    }
}
