using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Rest;
using IntegrationHub.Connectors.Sql;
using IntegrationHub.Feeds.Delivery;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Host.UseCases;
using IntegrationHub.Host.Dashboard;
using IntegrationHub.Host.Operations;
using IntegrationHub.Host.Security;
using IntegrationHub.Host.Subscriptions;
using IntegrationHub.Pipeline;
using IntegrationHub.Pipeline.Catalog;
using IntegrationHub.Pipeline.Normalization;
using IntegrationHub.Pipeline.Runs;
using IntegrationHub.Reporting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace IntegrationHub.Host.Hosting;

/// <summary>Everything the hub is made of, wired by configuration: one binary, roles chosen by <c>Hub:Roles</c>.</summary>
public static class HubHostingExtensions
{
    /// <summary>Limits on what sources and clients may send (<see cref="SourceLimits"/>, <see cref="RequestLimits"/>).</summary>
    public const string LimitsSection = "Hub:Limits";

    /// <summary>Worker threads the pool keeps ready, whatever the core count.</summary>
    public const int MinimumWorkerThreads = 16;

    /// <summary>
    /// SQLite calls are synchronous (the embedded store's writer, readers and busy retries block their thread), and so are
    /// parts of other drivers. The thread pool starts with one thread per core and adds more only slowly, so on a 2-core
    /// machine a few blocked calls left batches queued behind them with the cores half idle (measured: 1,675 → 2,004
    /// records/s on the embedded stack). A floor of ready threads removes that wait; it creates no thread by itself.
    /// </summary>
    private static void EnsureThreadPoolHeadroom()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinimumWorkerThreads)
            ThreadPool.SetMinThreads(MinimumWorkerThreads, io);
    }

    public static WebApplicationBuilder AddHub(this WebApplicationBuilder builder)
    {
        var hub = builder.Configuration.GetSection(HubOptions.Section).Get<HubOptions>() ?? new HubOptions();
        builder.Services.AddOptions<HubOptions>().Bind(builder.Configuration.GetSection(HubOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FeedOptions>().Bind(builder.Configuration.GetSection($"{HubOptions.Section}:Feed")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SyncOptions>().Bind(builder.Configuration.GetSection($"{HubOptions.Section}:Sync")).ValidateDataAnnotations().ValidateOnStart();
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? builder.Configuration["Hub:Urls"] ?? "http://127.0.0.1:5080");

        EnsureThreadPoolHeadroom();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddHubStore(hub);
        if (hub.Samples)
            services.AddHostedService<SampleSourcesBootstrapper>();

        services.AddConnectorCatalog(hub);
        var limits = builder.Configuration.GetSection(LimitsSection).Get<SourceLimits>() ?? SourceLimits.Default;
        if (limits.Problem() is { } wrong)
            throw new InvalidOperationException($"The configuration is invalid: {wrong}");
        // Connectors that read a log learn from the store which positions are committed (and only those are confirmed to the source).
        services.AddSingleton(sp => new ConnectorContext(hub.DataPath())
        {
            Limits = limits,
            Checkpoints = new StoredCheckpoints(sp.GetRequiredService<IntegrationHub.Store.IRunStore>()),
        });
        services.AddOptions<RequestLimits>().Bind(builder.Configuration.GetSection(LimitsSection))
            .Validate(l => l.MaxRequestBodyBytes >= 1024, $"{LimitsSection}:MaxRequestBodyBytes must be at least 1024.").ValidateOnStart();
        var maxBody = builder.Configuration.GetSection(LimitsSection).Get<RequestLimits>()?.MaxRequestBodyBytes ?? new RequestLimits().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        // Unreadable bodies reach RequestBodyProblems as exceptions, which answers them with a problem naming the rule.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
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
        var hub = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HubOptions>>().Value;
        app.UseHubProxyHeaders(hub.Proxy);
        app.UseHubSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequestBodyProblems>();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = ReadinessReport.WriteAsync });
        app.MapOpenApi("/openapi/{documentName}.json");
        if (hub.HasRole("api"))
        {
            app.MapHubApis();
            app.MapHubDashboard();
        }

        app.MapHubTelemetry(hub.Telemetry);
        return app;
    }
}
