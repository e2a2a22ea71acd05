namespace IntegrationHub.Api.Contracts;

/// <summary>
/// How the fields a source sends changed since the previous run that read records: fields that appeared, fields that no
/// longer came, and fields the mapping reads that no record of the run had.
/// </summary>
public sealed record SourceDriftView
{
    public required Guid RunId { get; init; }
    public required DateTimeOffset DetectedAt { get; init; }
    public required IReadOnlyList<string> Added { get; init; }
    public required IReadOnlyList<string> Removed { get; init; }
    public required IReadOnlyList<string> MappedButMissing { get; init; }

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && MappedButMissing.Count == 0;
}
