using MassTransit;

namespace IntegrationHub.Pipeline.Storage;

/// <summary>
/// One batch at a time per store writer: batches of a run commit in order, so the checkpoint follows without gaps, and
/// SQLite has a single writer anyway. Transient database errors are retried; the batch is idempotent.
/// </summary>
public sealed class StoreRecordsConsumerDefinition : ConsumerDefinition<StoreRecordsConsumer>
{
    public StoreRecordsConsumerDefinition()
    {
        EndpointName = "hub-store";
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<StoreRecordsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(200, 1000, 5000, 15000, 30000));
    }
}
