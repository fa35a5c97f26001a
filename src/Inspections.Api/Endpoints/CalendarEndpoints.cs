using Inspections.Api.Auth;
using Inspections.Core.Features.Calendar;
using Mediator;

namespace Inspections.Api.Endpoints;

public sealed class CalendarEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Calendar 工作日历");

        calendars.MapGet("/{year:int}", async (int year, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new GetCalendarYear.Query(year), ct)))
            .Allow<GetCalendarYear.Query>()
            .WithSummary("查看某年工作日历 Get a year's holidays and make-up working days")
            .Produces<CalendarYearDto>();

        calendars.MapPut("/{year:int}", async (int year, ReplaceCalendarYear.Command command, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(command with { Year = year }, ct)))
            .Allow<ReplaceCalendarYear.Command>()
            .WithSummary("整年替换工作日历（管理员；已存在的年份须带 version） Replace a year (admin)")
            .Produces<CalendarYearDto>();

        calendars.MapGet("/working-days", async (DateOnly? from, DateOnly? to, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new WorkingDays.Between(from, to), ct)))
            .Allow<WorkingDays.Between>()
            .WithSummary("两个日期之间的工作日数（不含起始日，含截止日） Working days between two dates")
            .Produces<WorkingDays.Answer>();

        calendars.MapGet("/add-working-days", async (DateOnly? date, int? days, IMediator mediator, CancellationToken ct) =>
                Results.Ok(await mediator.Send(new WorkingDays.Add(date, days), ct)))
            .Allow<WorkingDays.Add>()
            .WithSummary("某日之后第 N 个工作日 The Nth working day after a date")
            .Produces<WorkingDays.Answer>();
    }
}
