using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Inspections.Api.Auth;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Permits;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// Hangfire follows the database: SQL Server and PostgreSQL keep jobs in the same database;
/// SQLite uses in-memory storage, because our jobs are recurring scans over the database that
/// lose nothing when the process restarts (a lost run is simply the next run).
/// </summary>
public static class HangfireSetup
{
    public static IServiceCollection AddInspectionsHangfire(this IServiceCollection services, DatabaseOptions db, IConfiguration configuration)
    {
        services.AddHangfire(cfg =>
        {
            cfg.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            var cs = new DbConnectionFactory(db).ConnectionString;
            switch (db.ParsedProvider)
            {
                case DbProvider.Postgres:
                    cfg.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(cs));
                    break;
                case DbProvider.SqlServer:
                    cfg.UseSqlServerStorage(cs);
                    break;
                default:
                    cfg.UseInMemoryStorage();
                    break;
            }
        });
        services.AddScoped<DeadlineScanJob>();
        services.AddScoped<PermitAccountabilityJob>();
        services.AddScoped<EvidenceUploadCleanupJob>();
        foreach (var source in typeof(IDeadlineSource).Assembly.GetTypes()
                     .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IDeadlineSource).IsAssignableFrom(t)))
            services.AddSingleton(typeof(IDeadlineSource), source);
        if (configuration.GetValue("Hangfire:Server", true))
            services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return services;
    }

    /// <summary>Recurring jobs, registered through the service API (the static one needs global storage).</summary>
    public static WebApplication ScheduleRecurringJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var cron = app.Configuration["Hangfire:DeadlineScanCron"] ?? "*/15 * * * *";
        jobs.AddOrUpdate<DeadlineScanJob>(DeadlineScanJob.Id, j => j.RunAsync(CancellationToken.None), cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<PermitAccountabilityJob>(PermitAccountabilityJob.Id, j => j.RunAsync(CancellationToken.None),
            app.Configuration["Hangfire:PermitAccountabilityCron"] ?? "5 * * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.AddOrUpdate<EvidenceUploadCleanupJob>(EvidenceUploadCleanupJob.Id, j => j.RunAsync(CancellationToken.None),
            app.Services.GetRequiredService<EvidenceOptions>().UploadCleanupCron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return app;
    }

    public static WebApplication UseInspectionsDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new RoleFilter()],
            DashboardTitle = "Inspections 后台任务",
            AppPath = "/",
        });
        return app;
    }

    /// <summary>Only supervisors and admins see the dashboard; anonymous callers get 401, other roles 403.</summary>
    private sealed class RoleFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true
                && AuthSetup.DashboardRoles.Any(r => user.IsInRole(r));
        }
    }
}
