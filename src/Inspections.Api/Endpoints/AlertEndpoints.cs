using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;

namespace Inspections.Api.Endpoints;

public sealed class AlertEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts 到期预警");

        alerts.MapQuery<ListAlerts.Query, Page<AlertDto>>("/", ([OneOf("dueSoon", "overdue")] string? kind, string? subjectType, bool? includeAcknowledged,
                bool? mine, string? cursor, int? limit) => new ListAlerts.Query
                {
                    Kind = kind, SubjectType = subjectType, IncludeAcknowledged = includeAcknowledged ?? false,
                    Mine = mine ?? false, Cursor = cursor, Limit = limit,
                })
            .WithSummary("本辖区即将到期与已超期预警；mine=true 时为发给本人的预警，未读在前 Due-soon and overdue alerts; mine=true: yours, unread first");

        alerts.MapQuery<MyDeadlines.Query, Page<MyDeadline>>("/my-deadlines", ([OneOf("dueSoon", "overdue")] string? status,
                [OneOf("case", "permit", "notice", "unlicensedNotice")] string? subjectType, string? cursor, int? limit) =>
                new MyDeadlines.Query { Status = status, SubjectType = subjectType, Cursor = cursor, Limit = limit })
            .WithSummary("我的即将到期与已超期事项（按存储的时限当日计算，不等待到期扫描；按到期日排序，游标分页） My due-soon and overdue work today");

        alerts.MapCommand<AcknowledgeAlert.Command, AlertDto>("/{id:guid}/acknowledge", (Guid id, AcknowledgeBody body) => new AcknowledgeAlert.Command(id, body.Version))
            .WithSummary("确认已阅预警 Acknowledge an alert");

        alerts.MapCommand<MarkAlertRead.Command, AlertDto>("/{id:guid}/read", (Guid id) => new MarkAlertRead.Command(id))
            .WithSummary("将发给本人的预警标为已读 Mark an alert you were told of as read");

        alerts.MapQuery<GetLastDeadlineScan.Query, DeadlineScanDto>("/scans/last", () => new GetLastDeadlineScan.Query())
            .WithSummary("最近一次到期扫描的数字（检查时限数、新预警数、用时、完成时间） The last deadline scan's figures");

        alerts.MapQuery<ListDeliveries.Query, IReadOnlyList<DeliveryDto>>("/deliveries",
                ([OneOf("pending", "sent", "failed")] string? status, int? limit) => new ListDeliveries.Query { Status = status, Limit = limit })
            .WithSummary("预警通知的发送记录与每次尝试（管理员） Alert messages and their attempts (admin)");

        var channels = app.MapGroup("/api/notification-channels").WithTags("Alerts 到期预警");
        channels.MapQuery<ListNotificationChannels.Query, IReadOnlyList<NotificationChannelDto>>("/", () => new ListNotificationChannels.Query())
            .WithSummary("本辖区的通知渠道（不显示密钥） Notification channels (secrets never shown)");
        channels.MapCreate<CreateNotificationChannel.Command, NotificationChannelDto>("/", (CreateNotificationChannel.Command command) => command,
                (_, created) => $"/api/notification-channels/{created.Id}")
            .WithSummary("添加通知渠道：企业微信、钉钉机器人、webhook 或电子邮件（管理员） Add a channel: WeCom, DingTalk, webhook or e-mail (admin)");
        channels.MapReplace<UpdateNotificationChannel.Command, NotificationChannelDto>("/{id:guid}",
                (Guid id, UpdateNotificationChannel.Command command) => command with { Id = id })
            .WithSummary("修改、停用或启用通知渠道；不传密钥则保留原密钥；版本过期为 409（管理员） Change, disable or enable a channel; stale version 409 (admin)");
        channels.MapRemove<DeleteNotificationChannel.Command, NotificationChannelDto>("/{id:guid}",
                (Guid id, long? version) => new DeleteNotificationChannel.Command { Id = id, Version = version })
            .WithSummary("删除通知渠道，待发送的消息不再发送，发送记录保留；version 为读取时的版本（管理员） Delete a channel (admin)");

        alerts.MapCommand<SendMorningDigest.Command, SendMorningDigest.Result>("/digest", () => new SendMorningDigest.Command())
            .WithSummary("立即生成今天的每日预警汇总（管理员；平时 8:30 由后台任务执行，节假日不发） Write today's morning digest now (admin)");

        alerts.MapCommand<ScanDeadlines.Command, ScanDeadlines.Result>("/scan", () => new ScanDeadlines.Command())
            .WithSummary("立即执行到期扫描（管理员；平时由后台任务定时执行） Run the deadline scan now (admin)");
    }

    public sealed record AcknowledgeBody(long? Version);
}
