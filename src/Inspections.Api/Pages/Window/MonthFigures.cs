using Inspections.Core.Features.Permits;
using Inspections.Domain.Calendar;
using Mediator;
using Microsoft.AspNetCore.Http;

namespace Inspections.Api.Pages.Window;

/// <summary>This month's on-time figures at the window, and what is open and overdue now, from the PermitFigures request as GET /api/permits/figures.</summary>
public sealed record MonthFigures(DateOnly From, DateOnly To, int Received, int Completed, int OnTime, decimal? OnTimeRate, int OpenOverdue)
{
    /// <summary>Completed after the promised limit 超期办结.</summary>
    public int Late => Completed - OnTime;

    /// <summary>From the first of the month (Beijing date, on the application's clock) to today.</summary>
    public static async Task<MonthFigures> ThisMonthAsync(ISender sender, TimeProvider clock, HttpContext http)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ClockEvaluator.ChinaStandardTime).DateTime);
        var from = new DateOnly(today.Year, today.Month, 1);
        var f = await sender.Send(new PermitFigures.Query(from, today), http.RequestAborted);
        return new MonthFigures(from, today, f.Intake.Sum(i => i.Received), f.OnTime.Completed, f.OnTime.OnTime, f.OnTime.OnTimeRate, f.OpenOverdue);
    }
}
