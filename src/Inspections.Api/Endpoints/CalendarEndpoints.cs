using Inspections.Core.Features.Calendar;

namespace Inspections.Api.Endpoints;

public sealed class CalendarEndpoints : IEndpointModule
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Calendar 工作日历");

        calendars.MapQuery<GetCalendarYear.Query, CalendarYearDto>("/{year:int}", (int year) => new GetCalendarYear.Query(year))
            .WithSummary("查看某年工作日历 Get a year's holidays and make-up working days");

        calendars.MapReplace<ReplaceCalendarYear.Command, CalendarYearDto>("/{year:int}",
                (int year, ReplaceCalendarYear.Command command) => command with { Year = year })
            .WithSummary("整年替换工作日历（管理员；已存在的年份须带 version） Replace a year (admin)");

        calendars.MapQuery<WorkingDays.Between, WorkingDays.Answer>("/working-days", (DateOnly? from, DateOnly? to) => new WorkingDays.Between(from, to))
            .WithSummary("两个日期之间的工作日数（不含起始日，含截止日） Working days between two dates");

        calendars.MapQuery<WorkingDays.Add, WorkingDays.Answer>("/add-working-days", (DateOnly? date, int? days) => new WorkingDays.Add(date, days))
            .WithSummary("某日之后第 N 个工作日 The Nth working day after a date");
    }
}
