namespace IntegrationHub.Store.Batches;

/// <summary>What the store did with a batch.</summary>
public enum BatchDisposition
{
    /// <summary>Stored, with the run's counts and checkpoint.</summary>
    Committed,

    /// <summary>Stored before (a redelivery): nothing changed.</summary>
    Duplicate,

    /// <summary>Its run has ended (failed, interrupted, or taken over): nothing is written; the next run reads it again.</summary>
    RunEnded,
}
