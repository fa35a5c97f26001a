using Inspections.Core.Common;
using Inspections.Api.Auth;
using Inspections.Core.Features.Permits;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class PermitEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/permit-items").WithTags("Permits 行政许可");

        catalog.MapGet("/", async (IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListPermitItems.Query(), ct)))
            .Allow<ListPermitItems.Query>()
            .WithSummary("许可事项目录（法定时限、承诺时限、申请类型、材料清单） Permit catalog")
            .Produces<IReadOnlyList<PermitItemDto>>();

        catalog.MapPut("/{code}", async (string code, UpdatePermitItem.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Code = code }, ct)))
            .Allow<UpdatePermitItem.Command>()
            .WithSummary("修改许可事项（管理员；须带 version；已收件的申请不受影响） Edit a permit item")
            .Produces<PermitItemDto>();

        var permits = app.MapGroup("/api/permits").WithTags("Permits 行政许可");

        permits.MapPost("/", async (ReceivePermit.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var created = await mediator.Send(command, ct);
                return Results.Created($"/api/permits/{created.Id}", created);
            })
            .Allow<ReceivePermit.Command>()
            .WithSummary("收件（收件人为首问责任人） Receive an application")
            .Produces<PermitDto>(StatusCodes.Status201Created);

        permits.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetPermit.Query(id), ct)))
            .Allow<GetPermit.Query>()
            .WithSummary("查看申请（环节、可办理的下一步、材料、时限状态与说明、去向留言） Get an application")
            .Produces<PermitDto>();

        permits.MapPost("/{id:guid}/transitions", async (Guid id, TransitionPermit.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<TransitionPermit.Command>()
            .WithSummary("办理下一步（补正、不予受理、受理、审查、中止、准予、不予许可、办结；须带 version） Move an application on")
            .Produces<PermitDto>();

        permits.MapPost("/{id:guid}/extensions", async (Guid id, ExtendPermit.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<ExtendPermit.Command>()
            .WithSummary("批准延长法定时限（科长/分管领导；须说明理由） Extend the statutory limit")
            .Produces<PermitDto>();

        permits.MapPost("/{id:guid}/handoffs", async (Guid id, HandOffPermit.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Id = id }, ct)))
            .Allow<HandOffPermit.Command>()
            .WithSummary("转交其他经办人（去向留言；首问责任人不变） Pass an application on")
            .Produces<PermitDto>();

        permits.MapGet("/queue", async (string? clerkId, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new PermitQueue.Query(clerkId), ct)))
            .Allow<PermitQueue.Query>()
            .WithSummary("待办队列（按剩余工作日排序，含时限状态与说明） Work queue")
            .Produces<IReadOnlyList<PermitQueue.Entry>>();

        permits.MapGet("/figures", async (DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new PermitFigures.Query(from, to), ct)))
            .Allow<PermitFigures.Query>()
            .WithSummary("窗口统计：按类型受理量、按时办结率、平均用时（按事项、按责任人） Window figures")
            .Produces<PermitFigures.Result>();

        var accountability = permits.MapGroup("/accountability");

        accountability.MapGet("/", async ([OneOf("open", "closed")] string? status, string? clerkId, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListAccountability.Query(status, clerkId), ct)))
            .Allow<ListAccountability.Query>()
            .WithSummary("责任追究记录 Accountability records")
            .Produces<IReadOnlyList<AccountabilityDto>>();

        accountability.MapPost("/{id:guid}/close", async (Guid id, CloseBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new CloseAccountability.Command(id, body.Version, body.Finding), ct)))
            .Allow<CloseAccountability.Command>()
            .WithSummary("审查并作出追究结论（科长/分管领导） Close a record with a finding")
            .Produces<AccountabilityDto>();

        accountability.MapPost("/sweep", async (IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new SweepPermitAccountability.Command(), ct)))
            .Allow<SweepPermitAccountability.Command>()
            .WithSummary("立即查找超期未办结的申请（平时由后台任务定时执行） Find overdue open applications now")
            .Produces<SweepPermitAccountability.Result>();
    }

    public sealed record CloseBody(long? Version, string? Finding);
}
