using IntegrationHub.Contracts;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Storage;

/// <summary>
/// A batch that could not be stored after its retries fails its run with the reason (invariant 10): the run ends instead
/// of waiting for it, and the next run resumes from the checkpoint, which never passed the batch. The batch itself stays
/// in the store queue's error queue for the operator.
/// </summary>
public sealed partial class StoreFaultConsumer(IRunStore store, ILogger<StoreFaultConsumer> logger) : IConsumer<Fault<RecordsNormalized>>
{
    public async Task Consume(ConsumeContext<Fault<RecordsNormalized>> context)
    {
        var batch = context.Message.Message.Batch;
        var reason = context.Message.Exceptions.FirstOrDefault()?.Message ?? "unknown error";
        var error = $"Batch {batch.Sequence} could not be stored after its retries: {reason}";
        LogFailed(logger, batch.RunId, batch.Sequence, reason);
        await store.FinishRunAsync(batch.RunId, RunStatus.Failed, error, context.CancellationToken).ConfigureAwait(false);
        var run = await store.GetRunAsync(batch.RunId, context.CancellationToken).ConfigureAwait(false);
        await context.Publish(new RunProgressed
        {
            RunId = batch.RunId,
            ConnectorId = batch.ConnectorId,
            StoredThrough = (run?.BatchesStored ?? 0) - 1,
            Status = RunStatuses.ToText(run?.Status ?? RunStatus.Failed),
            Error = run?.Error ?? error,
        }, context.CancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Sequence} of run {RunId} could not be stored after its retries; the run fails: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid runId, int sequence, string reason);
}
