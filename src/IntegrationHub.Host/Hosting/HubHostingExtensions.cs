using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Connectors.Rest;
using IntegrationHub.Connectors.Sql;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Host.Connectors;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.Host.Operations;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.Subscriptions;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Normalization;
using IntegrationHub.Pipeline.Runs;
using IntegrationHub.Reporting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IntegrationHub.Host.Hosting;

/// <summary>Everything the hub is made of, wired by configuration: one binary, roles chosen by <c>Hub:Roles</c>.</summary>
public static class HubHostingExtensions
{
    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        builder.Services.AddOptions<HubOptions>().Bind(builder.Configuration.GetSection(HubOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FeedOptions>().Bind(builder.Configuration.GetSection($"{HubOptions.Section}:Feed")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SyncOptions>().Bind(builder.Configuration.GetSection($"{HubOptions.Section}:Sync")).ValidateDataAnnotations().ValidateOnStart();
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? builder.Configuration["Hub:Urls"] ?? "http://127.0.0.1:5080");

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHubStore(hub);
        if (hub.Samples)
            services.AddHostedService<SampleSourcesBootstrapper>();

        services.AddConnectorCatalog(hub);
        // Connectors that read a log learn from the store which positions are committed (and only those are confirmed to the source).
        services.AddSingleton(sp => new ConnectorContext(hub.DataPath()) { Checkpoints = new StoredCheckpoints(sp.GetRequiredService<IntegrationHub.Store.ISupervisionStore>()) });
        services.AddSingleton<ISourceConnector, SqlSourceConnector>();
        services.AddSingleton<ISourceConnector, IntegrationHub.Connectors.Process.ProcessSourceConnector>();
        services.AddRestSourceConnector();
        services.AddSingleton<ISourceConnector, IntegrationHub.Connectors.Files.FileSourceConnector>();
        services.AddSingleton<NormalizerCache>();
        services.AddSingleton<BatchNormalizer>();
        services.AddSingleton<ConnectorPreview>();
        services.AddSingleton<RunProgress>();
        services.AddSingleton<RunPipeline>();
        services.AddSingleton<SourceDriftRecorder>();
        services.AddSingleton<StoredPages>();
        services.AddSingleton<ConnectorRunner>();
        services.AddHubReporting(projectInBackground: hub.HasRole("worker"));

        services.AddHubSecurity();
        services.AddHubBus(hub);
        if (hub.HasRole("worker"))
            services.AddHostedService<SyncScheduler>();

        services.AddHubSubscriptions(builder.Configuration, hub);
        services.AddHubApis();
        services.AddHubDashboard();
        services.AddOpenApi();
        services.AddHubOperations(hub);
        return builder;
    }

    public static WebApplication UseHub(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = ReadinessReport.WriteAsync });
        app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HubOptions>>().Value.HasRole("api"))
        {
            app.MapHubApis();
            app.MapHubDashboard();
        }

        app.MapHubTelemetry(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HubOptions>>().Value.Telemetry);
        return app;
    }
}
