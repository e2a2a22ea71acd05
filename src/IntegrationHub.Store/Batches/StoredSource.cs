namespace IntegrationHub.Store.Batches;

/// <summary>A live source record of a golden record the batch touches, with its content, for merging.</summary>
internal sealed record StoredSource
{
    public string RecordId { get; init; } = "";
    public string ConnectorId { get; init; } = "";
    public string SourceKey { get; init; } = "";
    public long Priority { get; init; }
    public string ContentHash { get; init; } = "";
    public string Content { get; init; } = "";
    public string? SourceVersion { get; init; }
    public long MappingVersion { get; init; }
    public long ReadAt { get; init; }
    public long ReceivedAt { get; init; }
}
