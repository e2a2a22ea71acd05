using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Pipeline.Catalog;
using IntegrationHub.Store;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Host.Hosting;

internal static class ConnectorCatalogServiceCollectionExtensions
{
    /// <summary>The connector catalog (files + API registrations) and the Data Protection key ring for connector secrets.</summary>
    public static IServiceCollection AddConnectorCatalog(this IServiceCollection services, HubOptions hub)
    {
        var keys = new DirectoryInfo(hub.KeysPath());
        keys.Create();
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        services.AddDataProtection()
            .SetApplicationName("IntegrationHub")
            .PersistKeysToFileSystem(keys);
        services.AddSingleton<ConnectorSecrets>();
        services.AddSingleton(sp => new ConnectorCatalog(
            Path.GetFullPath(hub.ConnectorsDirectory),
            sp.GetServices<ISourceConnector>(),
            sp.GetRequiredService<IRegistrationStore>(),
            sp.GetRequiredService<ConnectorSecrets>(),
            sp.GetRequiredService<ConnectorContext>()));
        services.AddSingleton<IConnectorRegistry>(sp => sp.GetRequiredService<ConnectorCatalog>());
        services.AddSingleton<ConnectorSlots>();
        services.AddHostedService(sp => new ConnectorCatalogRefresher(
            sp.GetRequiredService<ConnectorCatalog>(), hub.ConnectorRefreshInterval, sp.GetRequiredService<ILogger<ConnectorCatalogRefresher>>()));
        return services;
    }
}
