using System.Xml.Linq;
using Inspections.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// Page sessions and anti-forgery tokens are sealed with ASP.NET Core data-protection keys. Kept in the database (not
/// in each server's home folder) and under one application name (not the install path), every API instance on the
/// database opens what any of them sealed: no sticky sessions needed behind a load balancer.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "Inspections";

    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<DbConnectionFactory, TimeProvider>((o, factory, clock) => o.XmlRepository = new DatabaseKeyRepository(factory, clock));
        return services;
    }

    /// <summary>
    /// Reads (or, on an empty database, creates) the key ring now, under the database's lock, so two instances started
    /// together agree on one first key instead of each sealing with its own.
    /// </summary>
    public static async Task LoadKeyRingAsync(this WebApplication app)
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Inspections.KeyRing.Start");
        try
        {
            await DataProtectionKeys.UnderLockAsync(app.Services.GetRequiredService<DbConnectionFactory>(),
                () => protector.Unprotect(protector.Protect([1])), CancellationToken.None);
        }
        catch (System.Data.Common.DbException e)
        {
            // The database is not there yet: the host starts anyway (its health check says why) and reads the keys at first use.
            app.Logger.LogWarning("Data-protection keys not loaded at start-up: {Error}", e.Message);
        }
    }

    private sealed class DatabaseKeyRepository(DbConnectionFactory factory, TimeProvider clock) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() =>
            DataProtectionKeys.ReadAll(factory).Select(x => XElement.Parse(x)).ToList();

        public void StoreElement(XElement element, string friendlyName) =>
            DataProtectionKeys.Store(factory, string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName,
                element.ToString(SaveOptions.DisableFormatting), clock.GetUtcNow());
    }
}
