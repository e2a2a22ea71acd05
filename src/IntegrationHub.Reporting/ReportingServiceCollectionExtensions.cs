using IntegrationHub.Reporting.Assessments;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Reporting;

public static class ReportingServiceCollectionExtensions
{
    /// <summary>
    /// The indicator and 双公示 read model; with <paramref name="projectInBackground"/> (the worker role) also the hosted
    /// projector that keeps the persisted assessment up to date. Options (<see cref="Indicators.IndicatorOptions"/>,
    /// <see cref="AssessmentOptions"/>) are bound by the host.
    /// </summary>
    public static IServiceCollection AddHubReporting(this IServiceCollection services, bool projectInBackground)
    {
        services.AddSingleton<AssessmentProjector>();
        services.AddSingleton<IndicatorReports>();
        services.AddSingleton<CreditPublicityReports>();
        if (projectInBackground)
            services.AddHostedService<AssessmentProjectorService>();
        return services;
    }
}
