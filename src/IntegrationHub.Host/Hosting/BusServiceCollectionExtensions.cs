using Microsoft.Extensions.Options;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Pipeline.Normalization;
using IntegrationHub.Pipeline.Runs;
using IntegrationHub.Pipeline.Storage;
using MassTransit;

namespace IntegrationHub.Host.Hosting;

internal static class BusServiceCollectionExtensions
{
    /// <summary>MassTransit on the configured transport; the pipeline's consumers only where this process is a worker.</summary>
    public static IServiceCollection AddHubBus(this IServiceCollection services, HubOptions hub)
    {
        var bus = hub.Bus;
        if (bus.Transport is not ("inmemory" or "rabbitmq"))
            throw new OptionsValidationException("Hub:Bus:Transport", typeof(BusOptions), [$"Hub:Bus:Transport is '{bus.Transport}'; use inmemory or rabbitmq."]);

        // Start (and the readiness check) waits until every receive endpoint is bound: a run requested right after start
        // would otherwise be published to an exchange with no queue yet, and RabbitMQ drops such a message.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromMinutes(1);
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        services.AddMassTransit(x =>
        {
            // No usage telemetry to masstransit.io: these machines have no internet, and a hub must not call home.
            x.DisableUsageTelemetry();
            // /health/ready covers the bus (RabbitMQ connection and receive endpoints) under a stable name.
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "bus";
                o.Tags.Add("ready");
            });
            if (hub.HasRole("worker"))
            {
                x.AddConsumer<NormalizeRecordsConsumer, NormalizeRecordsConsumerDefinition>();
                x.AddConsumer<StoreRecordsConsumer, StoreRecordsConsumerDefinition>();
                x.AddConsumer<RunConnectorConsumer>().Endpoint(e => e.Name = "hub-run-connector");
                x.AddConsumer<ReplayQuarantineConsumer>().Endpoint(e => e.Name = "hub-replay-quarantine");
            }

            if (bus.Transport == "rabbitmq")
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(bus.Host, bus.Port, bus.VirtualHost, h =>
                    {
                        h.Username(bus.Username);
                        h.Password(bus.Password);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
        });
        return services;
    }
}
