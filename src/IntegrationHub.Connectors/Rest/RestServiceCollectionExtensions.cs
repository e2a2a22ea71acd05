using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Connectors.Rest;

/// <summary>Registers the rest connector kind and its HTTP client.</summary>
public static class RestServiceCollectionExtensions
{
    public static IServiceCollection AddRestSourceConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(RestSourceConnector.HttpClientName, client =>
            {
                // Timeouts are the resilience pipeline's (attempt and total), configured per connector.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("IntegrationHub-RestConnector/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Pooled connections are renewed so that DNS changes of a source are seen; handlers are shared by the factory.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
                ConnectTimeout = TimeSpan.FromSeconds(15),
            })
            // The factory's request logs would print addresses whose query may hold an API key; the connector logs its own, masked.
            .RemoveAllLoggers();
        services.AddSingleton<ISourceConnector, RestSourceConnector>();
        return services;
    }
}
