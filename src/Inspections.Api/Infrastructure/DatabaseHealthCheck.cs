using Inspections.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inspections.Api.Infrastructure;

/// <summary>/health/ready: the database answers a query.</summary>
public sealed class DatabaseHealthCheck(DbConnectionFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var connection = await factory.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy($"{factory.Provider} reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy(Inspections.Core.Common.Text.Pick(
                $"无法连接数据库（{factory.Provider}：{e.GetType().Name}），请在 {ProblemMapping.RetryAfterSeconds} 秒后重试。",
                $"{factory.Provider} unreachable: {e.GetType().Name}; retry in {ProblemMapping.RetryAfterSeconds} seconds."));
        }
    }
}
