namespace IntegrationHub.Store.Model;

/// <summary>What one source says for a field group in conflict: the group's properties as canonical JSON (absent = silent).</summary>
public sealed record ConflictingValue
{
    public required string Connector { get; init; }
    public required string SourceKey { get; init; }
    public required long Priority { get; init; }
    public required string Value { get; init; }
}
