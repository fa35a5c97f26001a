using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inspections.Api.Infrastructure;

/// <summary>Health answers as JSON, so an operator sees which check is not healthy and why.</summary>
public static class HealthWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        // A database that cannot be reached passes: say when to ask again, as every API answer does then.
        if (report.Entries.TryGetValue("database", out var database) && database.Status == HealthStatus.Unhealthy)
            http.Response.Headers.RetryAfter = ProblemMapping.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        }, Json));
    }
}
