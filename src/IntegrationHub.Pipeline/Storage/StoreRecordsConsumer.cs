using IntegrationHub.Contracts;
using IntegrationHub.Store;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Storage;

/// <summary>Bus stage 3: commits a normalized batch — records, quarantine, change log and checkpoint in one transaction.</summary>
public sealed partial class StoreRecordsConsumer(ISupervisionStore store, ILogger<StoreRecordsConsumer> logger) : IConsumer<RecordsNormalized>
{
    public async Task Consume(ConsumeContext<RecordsNormalized> context)
    {
        var batch = context.Message.Batch;
        using var activity = PipelineTelemetry.Source.StartActivity("store batch");
        activity?.SetTag("hub.connector", batch.ConnectorId);
        var outcome = await store.CommitBatchAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
        if (outcome.Duplicate)
            LogDuplicate(logger, batch.RunId, batch.Sequence);
        else
            LogStored(logger, batch.ConnectorId, batch.Sequence, outcome.Counts.Inserted, outcome.Counts.Updated, outcome.Counts.Unchanged, outcome.Counts.Quarantined);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Sequence} of run {RunId} was already stored; redelivery ignored")]
    private static partial void LogDuplicate(ILogger logger, Guid runId, int sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored batch {Sequence} of {Connector}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Quarantined} quarantined")]
    private static partial void LogStored(ILogger logger, string connector, int sequence, long inserted, long updated, long unchanged, long quarantined);
}
