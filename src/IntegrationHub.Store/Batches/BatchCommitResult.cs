using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Batches;

/// <param name="StoredThrough">The highest sequence of the run stored without a gap before it (-1: none).</param>
/// <param name="RunStatus">The run's status after this batch: completed when this was its last batch.</param>
public sealed record BatchCommitResult(BatchDisposition Disposition, SyncCounts Counts, int StoredThrough, RunStatus RunStatus);
