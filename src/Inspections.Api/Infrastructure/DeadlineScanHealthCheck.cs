using Cronos;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// Alerts are only raised while the deadline scan runs: reports a scan whose last success (on any server) is older
/// than three of its intervals, the interval read from the scan's cron in the office's time zone. Before the first
/// scan, the process's own start counts as the last success, so a fresh installation is not reported at once.
/// </summary>
public sealed class DeadlineScanHealthCheck(DbConnectionFactory factory, JobSchedule schedule, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var db = new DbSession(factory);
        await using (db)
        {
            var last = await GetLastDeadlineScan.LastAsync(db, ct);
            var now = clock.GetUtcNow();
            var interval = schedule.IntervalOf(schedule.DeadlineScanCron, now);
            var since = last?.FinishedAt ?? schedule.Started;
            var data = new Dictionary<string, object>
            {
                ["lastSuccess"] = last?.FinishedAt.ToString("O") ?? "",
                ["intervalMinutes"] = interval.TotalMinutes,
            };
            if (now - since <= 3 * interval)
                return HealthCheckResult.Healthy(last is null ? "到期扫描尚未执行 no deadline scan yet" : "到期扫描按时执行 deadline scan on time", data);
            var local = TimeZoneInfo.ConvertTime(since, schedule.Zone);
            return HealthCheckResult.Degraded(
                $"到期扫描自 {local:yyyy-MM-dd HH:mm} 起未成功执行（超过三个周期），预警可能未发出 (no successful deadline scan for more than three intervals)",
                data: data);
        }
    }
}

/// <summary>The recurring jobs' crons, read in the office's time zone (Hangfire:TimeZone, default Asia/Shanghai).</summary>
public sealed class JobSchedule(IConfiguration configuration, TimeProvider clock)
{
    /// <summary>When this process started (a singleton made at start-up).</summary>
    public DateTimeOffset Started { get; } = clock.GetUtcNow();

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(configuration["Hangfire:TimeZone"] is { Length: > 0 } z ? z : "Asia/Shanghai");

    public string DeadlineScanCron { get; } = configuration["Hangfire:DeadlineScanCron"] ?? "*/15 * * * *";
    public string PermitAccountabilityCron { get; } = configuration["Hangfire:PermitAccountabilityCron"] ?? "5 * * * *";
    public string MorningDigestCron { get; } = configuration["Hangfire:MorningDigestCron"] ?? "30 8 * * *";
    public string AlertDeliveryCron { get; } = configuration["Hangfire:AlertDeliveryCron"] ?? "* * * * *";

    /// <summary>The time between the next two runs of <paramref name="cron"/> after <paramref name="now"/>.</summary>
    public TimeSpan IntervalOf(string cron, DateTimeOffset now)
    {
        var expression = CronExpression.Parse(cron);
        var next = expression.GetNextOccurrence(now, Zone) ?? now;
        var after = expression.GetNextOccurrence(next, Zone) ?? next.AddDays(1);
        return after - next;
    }
}
