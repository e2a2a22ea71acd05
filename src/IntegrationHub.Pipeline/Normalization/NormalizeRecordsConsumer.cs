using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Contracts.Telemetry;
using MassTransit;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>Bus stage 2: a page of raw records in, one normalized batch out.</summary>
public sealed class NormalizeRecordsConsumer(IConnectorRegistry registry, BatchNormalizer normalizer) : IConsumer<SourceRecordsRead>
{
    public async Task Consume(ConsumeContext<SourceRecordsRead> context)
    {
        var connectorId = context.Message.Batch.ConnectorId;
        var connector = registry.Find(connectorId)
            ?? throw new InvalidOperationException($"Batch for unknown connector '{connectorId}'; it stays in the error queue until the connector is registered again.");
        using var activity = HubTelemetry.StartStage("normalizer.normalize", connectorId, context.Message.Records.Count);
        await context.Publish(normalizer.Normalize(context.Message, connector), context.CancellationToken).ConfigureAwait(false);
    }
}
