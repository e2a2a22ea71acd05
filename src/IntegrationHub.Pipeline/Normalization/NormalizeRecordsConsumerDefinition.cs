using MassTransit;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>Normalization is pure CPU work: run as many batches at once as there are cores.</summary>
public sealed class NormalizeRecordsConsumerDefinition : ConsumerDefinition<NormalizeRecordsConsumer>
{
    public NormalizeRecordsConsumerDefinition()
    {
        EndpointName = "hub-normalize";
        ConcurrentMessageLimit = Math.Max(2, Environment.ProcessorCount);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<NormalizeRecordsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(100, 1000, 5000));
    }
}
