using IntegrationHub.Indicators;

namespace IntegrationHub.Host.Apis;

public static class ApisServiceCollectionExtensions
{
    /// <summary>Configuration of the indicator targets (<see cref="IndicatorOptions"/>).</summary>
    public const string IndicatorsSection = "Hub:Indicators";

    /// <summary>The API's JSON options (<see cref="ApiJson"/>), problem details and the services the endpoints use.</summary>
    public static IServiceCollection AddHubApis(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddSingleton<IntegrationHub.Host.Audit.IAuditLog, IntegrationHub.Host.Audit.StoreAuditLog>();
        services.AddOptions<IndicatorOptions>()
            .BindConfiguration(IndicatorsSection)
            .Validate(o => o.Target is >= 0m and <= 1m, $"{IndicatorsSection}:Target must be a share from 0 to 1, such as 0.9.")
            .ValidateOnStart();
        return services;
    }
}
