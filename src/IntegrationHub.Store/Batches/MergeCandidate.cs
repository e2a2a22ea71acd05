using IntegrationHub.Canonical.Model;
namespace IntegrationHub.Store.Batches;

/// <summary>
/// A live source of a golden record while a batch is planned: read from the store, or written by the batch itself (then
/// its content is the lineage-free canonical JSON and its facts are known, so a case it holds alone needs no parse).
/// </summary>
internal sealed record MergeCandidate
{
    public required string RecordId { get; init; }
    public required string ConnectorId { get; init; }
    public required string SourceKey { get; init; }
    public required long Priority { get; init; }
    public required string ContentHash { get; init; }
    public required string Content { get; init; }
    public string? SourceVersion { get; init; }
    public required long MappingVersion { get; init; }
    public required long ReadAt { get; init; }
    public required long ReceivedAt { get; init; }

    /// <summary>Set for a source written by this batch: its content has no lineage and these are its columns.</summary>
    public RecordFacts? Facts { get; init; }

    public bool IsFromBatch => Facts is not null;

    /// <summary>Set for a source written by this batch: the golden record of a case it holds alone, composed before the transaction.</summary>
    public ComposedGolden? Alone { get; init; }

    public static MergeCandidate From(StoredSource source) => new()
    {
        RecordId = source.RecordId,
        ConnectorId = source.ConnectorId,
        SourceKey = source.SourceKey,
        Priority = source.Priority,
        ContentHash = source.ContentHash,
        Content = source.Content,
        SourceVersion = source.SourceVersion,
        MappingVersion = source.MappingVersion,
        ReadAt = source.ReadAt,
        ReceivedAt = source.ReceivedAt,
    };
}
