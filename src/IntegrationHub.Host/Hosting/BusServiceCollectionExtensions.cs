using Microsoft.Extensions.Options;
using IntegrationHub.Host.Configuration;
using System.Text.Encodings.Web;
using IntegrationHub.Pipeline.Runs;
using IntegrationHub.Pipeline.Storage;
using IntegrationHub.Host.Subscriptions;
using MassTransit;
using IntegrationHub.Store.Batches;

namespace IntegrationHub.Host.Hosting;

internal static class BusServiceCollectionExtensions
{
    /// <summary>MassTransit on the configured transport; the pipeline's consumers only where this process is a worker.</summary>
    public static IServiceCollection AddHubBus(this IServiceCollection services, HubOptions hub)
    {
        var bus = hub.Bus;
        var partitions = new StorePartitions(bus.StorePartitions ?? (hub.Store.Provider == "postgres" ? 4 : 1));
        services.AddSingleton(partitions);
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
            var worker = hub.HasRole("worker");
            // Every process hears every commit notice on a temporary queue of its own: the change log's readers wake on
            // it (feed long-poll, delivery), and a worker's runs wait on it.
            var progress = $"hub-run-progress-{Guid.NewGuid():N}";
            x.AddConsumer<ChangeLogSignalConsumer>().Endpoint(e =>
            {
                e.Name = progress;
                e.Temporary = true;
            });
            if (worker)
            {
                // The store writer listens on the partition queues configured below, not on an endpoint of its own.
                x.AddConsumer<StoreRecordsConsumer>().ExcludeFromConfigureEndpoints();
                x.AddConsumer<StoreFaultConsumer>().Endpoint(e => e.Name = "hub-store-faults");
                x.AddConsumer<RunProgressedConsumer>().Endpoint(e =>
                {
                    e.Name = progress;
                    e.Temporary = true;
                });
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
                    Compact(cfg);
                    if (worker)
                    {
                        // One active consumer per partition across every worker: a connector's batches commit one at a
                        // time, in order, wherever they are consumed; the other workers stand by to take over.
                        StoreEndpoints(context, partitions, (name, configure) => cfg.ReceiveEndpoint(name, e =>
                        {
                            e.SingleActiveConsumer = true;
                            configure(e);
                        }));
                    }

                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    Compact(cfg);
                    if (worker)
                        StoreEndpoints(context, partitions, (name, configure) => cfg.ReceiveEndpoint(name, e => configure(e)));
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    /// <summary>Messages travel as compact JSON with Chinese text as it is: no indentation, no \u escapes.</summary>
    private static void Compact(IBusFactoryConfigurator cfg) =>
        cfg.ConfigureJsonSerializerOptions(options =>
        {
            options.WriteIndented = false;
            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            return options;
        });

    /// <summary>
    /// The store writer's partition queues: one consumer each, one batch at a time (a connector's batches commit in
    /// sequence order), its own consume topology only (batches are sent to a partition, never published). Transient
    /// database errors are retried; a batch is idempotent. After the last retry its run fails (StoreFaultConsumer).
    /// </summary>
    private static void StoreEndpoints(IBusRegistrationContext context, StorePartitions partitions,
        Action<string, Action<IReceiveEndpointConfigurator>> receiveEndpoint)
    {
        for (var i = 0; i < partitions.Count; i++)
        {
            receiveEndpoint(StorePartitions.QueueName(i), e =>
            {
                e.ConfigureConsumeTopology = false;
                e.ConcurrentMessageLimit = 1;
                e.PrefetchCount = 16;
                e.UseMessageRetry(r =>
                {
                    r.Intervals(200, 1000, 5000, 15000, 30000);
                    // A claim the store contradicts stays contradicted: the run fails at once and the next one reads again.
                    r.Ignore<UnchangedClaimException>();
                });
                e.ConfigureConsumer<StoreRecordsConsumer>(context);
            });
        }
    }
}
