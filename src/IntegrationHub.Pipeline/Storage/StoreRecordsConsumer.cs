using IntegrationHub.Contracts;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Model;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Storage;

/// <summary>
/// Bus stage 2: commits a normalized batch — records, quarantine, change log and checkpoint in one transaction — then
/// tells every process how far its run is stored, so the runner waits on commits instead of polling.
/// </summary>
public sealed partial class StoreRecordsConsumer(IBatchCommitter committer, TimeProvider clock, ILogger<StoreRecordsConsumer> logger) : IConsumer<RecordsNormalized>
{
    public async Task Consume(ConsumeContext<RecordsNormalized> context)
    {
        var message = context.Message;
        var batch = message.Batch;
        var connector = new KeyValuePair<string, object?>(HubTelemetry.ConnectorTag, batch.ConnectorId);
        var started = clock.GetUtcNow();
        if (batch.SentAt is { } sent)
            HubTelemetry.StageDuration.Record((started - sent).TotalSeconds, connector, new(HubTelemetry.StageTag, "bus"));

        BatchCommitResult result;
        using (var activity = HubTelemetry.StartStage("store.commit", batch.ConnectorId, message.Accepted.Count + message.Rejected.Count + message.Deleted.Count))
        {
            result = await committer.CommitAsync(message.ToBatch(), context.CancellationToken).ConfigureAwait(false);
            activity?.SetTag("hub.batch.duplicate", result.Disposition == BatchDisposition.Duplicate);
        }

        switch (result.Disposition)
        {
            case BatchDisposition.Committed:
                var committed = clock.GetUtcNow();
                HubTelemetry.StageDuration.Record((committed - started).TotalSeconds, connector, new(HubTelemetry.StageTag, "commit"));
                HubTelemetry.RecordsPulled.Add(result.Counts.Pulled, connector);
                HubTelemetry.RecordsQuarantined.Add(result.Counts.Quarantined, connector);
                HubTelemetry.RecordsStored.Add(result.Counts.Pulled - result.Counts.Quarantined, connector);
                HubTelemetry.RecordsNotNormalized.Add(message.Unchanged.Count, connector);
                HubTelemetry.BatchLatency.Record((committed - batch.ReadAt).TotalSeconds, connector);
                LogStored(logger, batch.ConnectorId, batch.Sequence, result.Counts.Inserted, result.Counts.Updated, result.Counts.Unchanged, result.Counts.Quarantined);
                break;
            case BatchDisposition.Duplicate:
                LogDuplicate(logger, batch.RunId, batch.Sequence);
                break;
            default:
                LogRunEnded(logger, batch.RunId, batch.Sequence, result.RunStatus);
                break;
        }

        // Also after a redelivery: the first commit's notice may have died with the process that made it.
        await context.Publish(new RunProgressed
        {
            RunId = batch.RunId,
            ConnectorId = batch.ConnectorId,
            StoredThrough = result.StoredThrough,
            Status = RunStatuses.ToText(result.RunStatus),
        }, context.CancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Sequence} of run {RunId} was already stored; redelivery ignored")]
    private static partial void LogDuplicate(ILogger logger, Guid runId, int sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Sequence} of run {RunId} arrived after the run ended ({Status}); nothing was written, the next run reads it again")]
    private static partial void LogRunEnded(ILogger logger, Guid runId, int sequence, RunStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored batch {Sequence} of {Connector}: {Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Quarantined} quarantined")]
    private static partial void LogStored(ILogger logger, string connector, int sequence, long inserted, long updated, long unchanged, long quarantined);
}
