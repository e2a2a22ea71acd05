namespace IntegrationHub.Connectors;

/// <summary>
/// A run that has ended, as its connector sees it: whether it completed, and the checkpoint that is durably stored —
/// every record read up to it is in the store or in quarantine. <see cref="Outcomes"/> tells, per source key, what became
/// of a record (for reports such as a file connector's per-row report).
/// </summary>
public sealed record RunFinished(Guid RunId, bool Completed, string? StoredCheckpoint, IRecordOutcomes Outcomes);

/// <summary>What the store holds for records of a connector, by source key.</summary>
public interface IRecordOutcomes
{
    /// <summary>The outcome of each key; a key the store does not know is absent from the result.</summary>
    Task<IReadOnlyDictionary<string, RecordOutcome>> FindAsync(string connectorId, IReadOnlyCollection<string> sourceKeys, CancellationToken ct);
}

/// <summary>
/// The state of one source record: <c>stored</c> (with the golden record it belongs to), <c>deleted</c> (a tombstone), or
/// <c>quarantined</c> (with the reasons, in English).
/// </summary>
public sealed record RecordOutcome(string SourceKey, string Status, string? RecordId, IReadOnlyList<string> Reasons);
