using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Host.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntegrationHub.Host.Hosting;

/// <summary>
/// OpenTelemetry for the hub: the hub's own source and meter, MassTransit's (which carries the trace context through
/// the bus headers), ASP.NET Core and HttpClient. OTLP export only when an endpoint is configured; the Prometheus
/// endpoint only when switched on. Kept apart from MassTransit's namespace: both define <c>Batch&lt;T&gt;</c>.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string MassTransitSource = "MassTransit";

    public static IServiceCollection AddHubTelemetry(this IServiceCollection services, TelemetryOptions telemetry)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("integration-hub"))
            .WithTracing(t => t
                .AddSource(HubTelemetry.Name, MassTransitSource)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithMetrics(m =>
            {
                m.AddMeter(HubTelemetry.Name, MassTransitSource)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (telemetry.Prometheus)
                    m.AddPrometheusExporter();
            });
        if (telemetry.OtlpEndpoint is { } endpoint)
            otel.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, endpoint);
        return services;
    }

    public static WebApplication MapHubTelemetry(this WebApplication app, TelemetryOptions telemetry)
    {
        if (!telemetry.Prometheus)
            return app;
        if (telemetry.PrometheusPort is { } port)
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == "/metrics" && context.Connection.LocalPort == port);
        else
            app.MapPrometheusScrapingEndpoint().DisableHttpMetrics();
        return app;
    }
}
