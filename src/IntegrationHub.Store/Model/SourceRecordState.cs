namespace IntegrationHub.Store.Model;

/// <summary>
/// What the store holds for one source record of a connector: <c>stored</c> (linked to a golden record), <c>deleted</c>
/// (the source deleted it; a tombstone) or <c>quarantined</c> (with the reasons, in English).
/// </summary>
public sealed record SourceRecordState(string SourceKey, string Status, string? RecordId, IReadOnlyList<string> Reasons);
