using IntegrationHub.Contracts;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Storage;

/// <summary>Bus stage 3: commits a normalized batch — records, quarantine, change log and checkpoint in one transaction.</summary>
public sealed partial class StoreRecordsConsumer(ISupervisionStore store, TimeProvider clock, ILogger<StoreRecordsConsumer> logger) : IConsumer<RecordsNormalized>
{
    public async Task Consume(ConsumeContext<RecordsNormalized> context)
    {
        var batch = context.Message.Batch;
        using var activity = HubTelemetry.StartStage("store.commit", batch.ConnectorId, context.Message.Accepted.Count + context.Message.Rejected.Count + context.Message.Deleted.Count);
        var outcome = await store.CommitBatchAsync(context.Message, context.CancellationToken).ConfigureAwait(false);
        activity?.SetTag("hub.batch.duplicate", outcome.Duplicate);
        if (outcome.Duplicate)
        {
            LogDuplicate(logger, batch.RunId, batch.Sequence);
            return;
        }

        RecordMetrics(batch, outcome.Counts);
        LogStored(logger, batch.ConnectorId, batch.Sequence, outcome.Counts.Inserted, outcome.Counts.Updated, outcome.Counts.Unchanged, outcome.Counts.Quarantined);
    }

    private void RecordMetrics(BatchHeader batch, SyncCounts counts)
    {
        var connector = new KeyValuePair<string, object?>(HubTelemetry.ConnectorTag, batch.ConnectorId);
        HubTelemetry.RecordsPulled.Add(counts.Pulled, connector);
        HubTelemetry.RecordsQuarantined.Add(counts.Quarantined, connector);
        HubTelemetry.RecordsStored.Add(counts.Pulled - counts.Quarantined, connector);
        HubTelemetry.BatchLatency.Record((clock.GetUtcNow() - batch.ReadAt).TotalSeconds, connector);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Sequence} of run {RunId} was already stored; redelivery ignored")]
    private static partial void LogDuplicate(ILogger logger, Guid runId, int sequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored batch {Sequence} of {Connector}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Quarantined} quarantined")]
    private static partial void LogStored(ILogger logger, string connector, int sequence, long inserted, long updated, long unchanged, long quarantined);
}
