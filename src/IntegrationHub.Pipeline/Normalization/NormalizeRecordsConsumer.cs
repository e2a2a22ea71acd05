using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
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
        using var activity = PipelineTelemetry.Source.StartActivity("normalize batch");
        activity?.SetTag("hub.connector", connectorId);
        activity?.SetTag("hub.batch.records", context.Message.Records.Count);
        await context.Publish(normalizer.Normalize(context.Message, connector), context.CancellationToken).ConfigureAwait(false);
    }
}
