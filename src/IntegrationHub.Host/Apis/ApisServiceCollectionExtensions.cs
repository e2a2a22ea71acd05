using IntegrationHub.Indicators;
using IntegrationHub.Reporting.Assessments;

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
        // The use cases the endpoints and the dashboard pages share; each authorizes and audits by itself.
        services.AddScoped<UseCases.ConnectorRuns>();
        services.AddScoped<UseCases.ConnectorRegistrations>();
        services.AddScoped<UseCases.QuarantineReplays>();
        services.AddScoped<UseCases.WebhookOperations>();
        services.AddScoped<UseCases.AuditReading>();
        services.AddOptions<IndicatorOptions>()
            .BindConfiguration(IndicatorsSection)
            .Validate(o => o.Target is >= 0m and <= 1m, $"{IndicatorsSection}:Target must be a share from 0 to 1, such as 0.9.")
            .ValidateOnStart();
        services.AddOptions<AssessmentOptions>()
            .BindConfiguration(IndicatorsSection)
            .Validate(o => o.ProjectionBatchSize is >= 1 and <= 50_000, $"{IndicatorsSection}:ProjectionBatchSize must be from 1 to 50000.")
            .Validate(o => o.ProjectionInterval > TimeSpan.Zero, $"{IndicatorsSection}:ProjectionInterval must be a positive time span, such as 00:00:02.")
            .Validate(o => o.ProjectionYield >= TimeSpan.Zero && o.ProjectionYield <= TimeSpan.FromSeconds(60),
                $"{IndicatorsSection}:ProjectionYield must be from 00:00:00 to 00:01:00.")
            .Validate(o => o.CatchUpTimeout > TimeSpan.Zero, $"{IndicatorsSection}:CatchUpTimeout must be a positive time span, such as 00:01:00.")
            .ValidateOnStart();
        return services;
    }
}
