namespace IntegrationHub.Store.Batches;

/// <summary>
/// A batch arrived before the one it follows was stored. Batches of one run commit in sequence order (invariant 10), so
/// it is refused and retried; when it still cannot be stored after its retries, its run fails with this reason.
/// </summary>
public sealed class BatchOutOfOrderException : Exception
{
    public BatchOutOfOrderException()
    {
    }

    public BatchOutOfOrderException(string message)
        : base(message)
    {
    }

    public BatchOutOfOrderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BatchOutOfOrderException(Guid runId, int sequence, int storedThrough)
        : base($"Batch {sequence} of run {runId} arrived before batch {storedThrough + 1}; batches of a run are stored in sequence order.")
    {
    }
}
