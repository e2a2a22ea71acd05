namespace IntegrationHub.Store.Batches;

/// <summary>
/// The store's write path for sync batches: one transaction per batch — quarantine, source links, golden records,
/// versions, conflicts, change log, run counts and checkpoint — at a fixed number of round trips whatever its size.
/// Batches of a run commit in their sequence order; a redelivered batch changes nothing.
/// </summary>
public interface IBatchCommitter
{
    /// <exception cref="BatchOutOfOrderException">The batch before this one is not stored yet: retry later.</exception>
    Task<BatchCommitResult> CommitAsync(BatchToCommit batch, CancellationToken ct);
}
