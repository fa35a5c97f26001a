using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Inspections.Api.Auth;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Permits;
using Inspections.Domain.Access;

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
        services.AddSingleton<JobSchedule>();
        services.AddHttpClient(AlertSender.Id);
        services.AddSingleton<AlertSender>();
        services.AddScoped<AlertDeliveryJob>();
        services.AddScoped<MorningDigestJob>();
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

    /// <summary>
    /// Recurring jobs, registered through the service API (the static one needs global storage). Every cron is read in
    /// the office's time zone (Hangfire:TimeZone, default Asia/Shanghai): "30 8 * * *" is half past eight in the office.
    /// </summary>
    public static WebApplication ScheduleRecurringJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        var schedule = app.Services.GetRequiredService<JobSchedule>();
        var office = new RecurringJobOptions { TimeZone = schedule.Zone };
        jobs.AddOrUpdate<DeadlineScanJob>(DeadlineScanJob.Id, j => j.RunAsync(CancellationToken.None), schedule.DeadlineScanCron, office);
        jobs.AddOrUpdate<PermitAccountabilityJob>(PermitAccountabilityJob.Id, j => j.RunAsync(CancellationToken.None),
            schedule.PermitAccountabilityCron, office);
        jobs.AddOrUpdate<AlertDeliveryJob>(AlertSender.Id, j => j.RunAsync(CancellationToken.None), schedule.AlertDeliveryCron, office);
        jobs.AddOrUpdate<MorningDigestJob>(MorningDigestJob.Id, j => j.RunAsync(CancellationToken.None), schedule.MorningDigestCron, office);
        jobs.AddOrUpdate<EvidenceUploadCleanupJob>(EvidenceUploadCleanupJob.Id, j => j.RunAsync(CancellationToken.None),
            app.Services.GetRequiredService<EvidenceOptions>().UploadCleanupCron, office);
        return app;
    }

    /// <summary>
    /// The job dashboard for people: supervisors and admins get in, only admins may trigger, requeue or delete
    /// (supervisors see it read-only). It speaks the request's culture (Chinese unless Accept-Language asks for
    /// English: request localization runs before it, and Hangfire ships its own "zh" texts); recurring jobs show
    /// their time zone, the office's, and the browser shows times in its own zone.
    /// </summary>
    public static WebApplication UseInspectionsDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new RoleFilter()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Admin),
            DashboardTitle = "Inspections 后台任务",
            AppPath = "/",
            DisplayNameFunc = (_, job) => JobNames.TryGetValue(job.Type.Name, out var name) ? name : job.ToString(),
        });
        return app;
    }

    /// <summary>The jobs by the names people know them by, in the dashboard's lists.</summary>
    private static readonly Dictionary<string, string> JobNames = new(StringComparer.Ordinal)
    {
        [nameof(DeadlineScanJob)] = "到期扫描 deadline scan",
        [nameof(PermitAccountabilityJob)] = "许可问责记录 permit accountability",
        [nameof(AlertDeliveryJob)] = "发送预警通知 alert delivery",
        [nameof(MorningDigestJob)] = "每日预警汇总 morning digest",
        [nameof(EvidenceUploadCleanupJob)] = "清理未完成的证据上传 evidence upload cleanup",
    };

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
