namespace IntegrationHub.Store.Model;

/// <summary>What committing one batch did. A redelivered batch is recognised and changes nothing.</summary>
public sealed record BatchOutcome(bool Duplicate, SyncCounts Counts, bool RunCompleted);
