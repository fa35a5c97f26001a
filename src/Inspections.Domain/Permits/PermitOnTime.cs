namespace Inspections.Domain.Permits;

/// <summary>One completed application as the on-time figures need it.</summary>
/// <param name="PromisedDays">The promised limit 承诺时限 the application was received under.</param>
/// <param name="UsedDays">Working days from acceptance to completion, suspended days not counted.</param>
/// <param name="OnTime">Completed before the end of the promised due day.</param>
public sealed record CompletedPermit(int PromisedDays, int UsedDays, bool OnTime);

/// <param name="Completed">Applications completed 办结 in the period.</param>
/// <param name="OnTime">Of those, completed within the promised limit.</param>
/// <param name="OnTimeRate">OnTime ÷ Completed, four decimals; null when nothing was completed.</param>
/// <param name="AverageUsedDays">Mean working days used, two decimals; null when nothing was completed.</param>
/// <param name="AveragePromisedDays">Mean promised limit of the same applications, two decimals.</param>
public sealed record OnTimeFigures(int Completed, int OnTime, decimal? OnTimeRate, decimal? AverageUsedDays, decimal? AveragePromisedDays);

/// <summary>
/// The permit on-time rate 按时办结率: applications completed within the promised limit ÷
/// applications completed in the period, beside the average working days used against promised.
/// </summary>
public static class PermitOnTime
{
    public static OnTimeFigures Compute(IEnumerable<CompletedPermit> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        int count = 0, onTime = 0;
        long used = 0, promised = 0;
        foreach (var c in completed)
        {
            count++;
            if (c.OnTime) onTime++;
            used += c.UsedDays;
            promised += c.PromisedDays;
        }

        return FromTotals(count, onTime, used, promised);
    }

    /// <summary>The figures of totals already summed (by a GROUP BY): the count, the on-time count and the days used and promised.</summary>
    public static OnTimeFigures FromTotals(int completed, int onTime, long usedDays, long promisedDays) =>
        completed == 0
            ? new OnTimeFigures(0, 0, null, null, null)
            : new OnTimeFigures(completed, onTime,
                Math.Round((decimal)onTime / completed, 4, MidpointRounding.AwayFromZero),
                Math.Round((decimal)usedDays / completed, 2, MidpointRounding.AwayFromZero),
                Math.Round((decimal)promisedDays / completed, 2, MidpointRounding.AwayFromZero));
}
