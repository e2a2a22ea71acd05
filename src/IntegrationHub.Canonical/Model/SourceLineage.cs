namespace IntegrationHub.Canonical.Model;

/// <summary>Where a normalized record came from: the connector, the record's key and version there, and when it arrived.</summary>
public sealed record SourceLineage
{
    public required string Connector { get; init; }
    public required string SourceKey { get; init; }
    public string? SourceVersion { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public int MappingVersion { get; init; }
}
