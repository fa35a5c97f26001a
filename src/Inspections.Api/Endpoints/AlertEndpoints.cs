using Inspections.Api.Auth;
using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class AlertEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts 到期预警");

        alerts.MapGet("/", async ([OneOf("dueSoon", "overdue")] string? kind, string? subjectType, bool? includeAcknowledged, bool? mine, string? cursor, int? limit,
                    IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ListAlerts.Query
                {
                    Kind = kind, SubjectType = subjectType, IncludeAcknowledged = includeAcknowledged ?? false,
                    Mine = mine ?? false, Cursor = cursor, Limit = limit,
                }, ct)))
            .Allow<ListAlerts.Query>()
            .WithSummary("本辖区即将到期与已超期预警 Due-soon and overdue alerts")
            .Produces<Page<AlertDto>>();

        alerts.MapPost("/{id:guid}/acknowledge", async (Guid id, AcknowledgeBody body, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new AcknowledgeAlert.Command(id, body.Version), ct)))
            .Allow<AcknowledgeAlert.Command>()
            .WithSummary("确认已阅预警 Acknowledge an alert")
            .Produces<AlertDto>();

        alerts.MapPost("/scan", async (IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new ScanDeadlines.Command(), ct)))
            .Allow<ScanDeadlines.Command>()
            .WithSummary("立即执行到期扫描（管理员；平时由后台任务定时执行） Run the deadline scan now (admin)")
            .Produces<ScanDeadlines.Result>();
    }

    public sealed record AcknowledgeBody(long? Version);
}
