using IntegrationHub.Feeds;

namespace IntegrationHub.Host.Apis;

public static class ApisServiceCollectionExtensions
{
    /// <summary>The API's JSON options (<see cref="ApiJson"/>), problem details and the services the endpoints use.</summary>
    public static IServiceCollection AddHubApis(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddScoped<FeedReader>();
        return services;
    }
}
