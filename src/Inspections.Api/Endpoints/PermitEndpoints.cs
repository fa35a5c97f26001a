using Inspections.Core.Common;
using Inspections.Core.Features.Permits;

namespace Inspections.Api.Endpoints;

public sealed class PermitEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/api/permit-items").WithTags("Permits 行政许可");

        catalog.MapQuery<ListPermitItems.Query, IReadOnlyList<PermitItemDto>>("/", () => new ListPermitItems.Query())
            .WithSummary("许可事项目录（法定时限、承诺时限、申请类型、材料清单） Permit catalog");

        catalog.MapReplace<UpdatePermitItem.Command, PermitItemDto>("/{code}", (string code, UpdatePermitItem.Command command) => command with { Code = code })
            .WithSummary("修改许可事项（管理员；须带 version；已收件的申请不受影响） Edit a permit item");

        var permits = app.MapGroup("/api/permits").WithTags("Permits 行政许可");

        permits.MapCreate<ReceivePermit.Command, PermitDto>("/", (ReceivePermit.Command command) => command, (_, created) => $"/api/permits/{created.Id}")
            .WithSummary("收件（收件人为首问责任人） Receive an application");

        permits.MapQuery<GetPermit.Query, PermitDto>("/{id:guid}", (Guid id) => new GetPermit.Query(id))
            .WithSummary("查看申请（环节、可办理的下一步、材料、时限状态与说明、去向留言） Get an application");

        permits.MapCommand<TransitionPermit.Command, PermitDto>("/{id:guid}/transitions", (Guid id, TransitionPermit.Command command) => command with { Id = id })
            .WithSummary("办理下一步（补正、不予受理、受理、审查、中止、准予、不予许可、办结；须带 version） Move an application on");

        permits.MapCommand<ExtendPermit.Command, PermitDto>("/{id:guid}/extensions", (Guid id, ExtendPermit.Command command) => command with { Id = id })
            .WithSummary("批准延长法定时限（科长/分管领导；须说明理由） Extend the statutory limit");

        permits.MapCommand<HandOffPermit.Command, PermitDto>("/{id:guid}/handoffs", (Guid id, HandOffPermit.Command command) => command with { Id = id })
            .WithSummary("转交其他经办人（去向留言；首问责任人不变） Pass an application on");

        permits.MapQuery<SearchPermits.Query, Page<SearchPermits.PermitSummary>>("/", ([AsParameters] SearchPermits.Query query) => query)
            .WithSummary("办件查询（全部环节与时期；按环节、事项、申请人、收件日期；游标分页） Search applications");

        permits.MapQuery<PermitQueue.Query, PermitQueue.Entries>("/queue", (string? clerkId, bool? all, string? cursor, int? limit) =>
                new PermitQueue.Query(clerkId) { All = all, Cursor = cursor, Limit = limit })
            .WithSummary("待办队列（按剩余工作日排序，含时限状态与说明；窗口人员默认本人，all=true 为全窗口；分页，每页至多 200 条，附总数） Work queue, paged");

        permits.MapQuery<ListWindowStaff.Query, IReadOnlyList<ListWindowStaff.StaffMember>>("/staff", () => new ListWindowStaff.Query())
            .WithSummary("可转交的经办人（本辖区在职窗口人员与科长） Whom an application may be passed to");

        permits.MapQuery<PermitFigures.Query, PermitFigures.Result>("/figures", (DateOnly? from, DateOnly? to) => new PermitFigures.Query(from, to))
            .WithSummary("窗口统计：按类型受理量、按时办结率、平均用时（按事项、按责任人） Window figures");

        var accountability = permits.MapGroup("/accountability");

        accountability.MapQuery<ListAccountability.Query, IReadOnlyList<AccountabilityDto>>("/",
                ([OneOf("open", "closed")] string? status, string? clerkId) => new ListAccountability.Query(status, clerkId))
            .WithSummary("责任追究记录 Accountability records");

        accountability.MapCommand<CloseAccountability.Command, AccountabilityDto>("/{id:guid}/close",
                (Guid id, CloseBody body) => new CloseAccountability.Command(id, body.Version, body.Finding))
            .WithSummary("审查并作出追究结论（科长/分管领导） Close a record with a finding");

        accountability.MapCommand<SweepPermitAccountability.Command, SweepPermitAccountability.Result>("/sweep", () => new SweepPermitAccountability.Command())
            .WithSummary("立即查找超期未办结的申请（平时由后台任务定时执行） Find overdue open applications now");
    }

    public sealed record CloseBody(long? Version, string? Finding);
}
