using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// Deadlines are only as right as the calendar: reports a missing current year at once, and the
/// missing next year from December 1st (the State Council usually publishes in November).
/// </summary>
public sealed class CalendarHealthCheck(DbConnectionFactory factory, CalendarStore calendars, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var db = new DbSession(factory);
        await using (db)
        {
            var evaluator = await calendars.EvaluatorAsync(db, ct);
            var today = evaluator.LocalDate(clock.GetUtcNow());
            var wanted = today.Month == 12 ? new[] { today.Year, today.Year + 1 } : [today.Year];
            var missing = wanted.Where(y => !evaluator.Calendar.IsYearLoaded(y)).ToArray();
            var data = new Dictionary<string, object> { ["missingYears"] = missing, ["today"] = today.ToString("yyyy-MM-dd") };
            return missing.Length == 0
                ? HealthCheckResult.Healthy("工作日历已加载 calendar loaded", data)
                : HealthCheckResult.Degraded(
                    $"{string.Join("、", missing)} 年工作日历未加载，请管理员导入国务院节假日安排 (calendar missing for {string.Join(", ", missing)})",
                    data: data);
        }
    }
}
