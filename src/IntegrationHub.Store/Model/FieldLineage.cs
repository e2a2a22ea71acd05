namespace IntegrationHub.Store.Model;

/// <summary>Where the value of one field group of a golden record came from: connector, source record, its version and the mapping.</summary>
public sealed record FieldLineage
{
    public required string Group { get; init; }
    public required IReadOnlyList<string> Paths { get; init; }
    public required string Connector { get; init; }
    public required string SourceKey { get; init; }
    public string? SourceVersion { get; init; }
    public required long MappingVersion { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
}
