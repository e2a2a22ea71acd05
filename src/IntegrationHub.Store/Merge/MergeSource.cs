namespace IntegrationHub.Store.Merge;

/// <summary>One live source record of a case, as the merge sees it: who said what, with which priority, when read.</summary>
public sealed record MergeSource
{
    public required string ConnectorId { get; init; }
    public required string SourceKey { get; init; }
    public required long Priority { get; init; }
    public string? SourceVersion { get; init; }
    public required long MappingVersion { get; init; }
    public required DateTimeOffset ReadAt { get; init; }

    /// <summary>The source's normalized record as canonical JSON.</summary>
    public required string Content { get; init; }
}
