using Inspections.Core.Evidence;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// The evidence store the configuration names (Evidence:Store): "folder" keeps files and unfinished uploads under
/// Evidence:Root, for one machine (or a folder all instances mount); "database" keeps them in the database, for several
/// API instances behind a load balancer. Each request's chunk spool is a local file either way.
/// </summary>
public static class EvidenceSetup
{
    public static IServiceCollection AddEvidenceStore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = (configuration.GetSection(EvidenceOptions.Section).Get<EvidenceOptions>() ?? new EvidenceOptions()).Validated();
        services.AddSingleton(options);
        services.AddSingleton<UploadStaging>();
        if (options.InDatabase)
        {
            services.AddSingleton<IntactBlobs>();
            services.AddScoped<DatabaseEvidenceStore>();
            services.AddScoped<IEvidenceStore>(sp => sp.GetRequiredService<DatabaseEvidenceStore>());
            services.AddScoped<IUploadParts, DatabaseUploadParts>();
        }
        else
        {
            services.AddSingleton<FileSystemEvidenceStore>();
            services.AddSingleton<IEvidenceStore>(sp => sp.GetRequiredService<FileSystemEvidenceStore>());
            services.AddSingleton<FolderUploadParts>();
            services.AddSingleton<IUploadParts>(sp => sp.GetRequiredService<FolderUploadParts>());
        }
        return services;
    }
}
