namespace IntegrationHub.Store.Batches;

/// <summary>A source record the store links to a golden record, as the batch writer needs it.</summary>
internal sealed record StoredLink
{
    public string SourceKey { get; init; } = "";
    public string RecordId { get; init; } = "";
    public string ContentHash { get; init; } = "";

    /// <summary>The (run, sequence) of the read that wrote it: a read of a lower position is older, whatever the clocks said.</summary>
    public long ReadPosition { get; init; }

    public long? DeletedAt { get; init; }

    /// <summary>The hash of the input its content was computed from; null when written before input hashes were kept.</summary>
    public string? InputHash { get; init; }
}
