namespace IntegrationHub.Contracts;

/// <summary>
/// A source record read again with the input its stored content was computed from (<see cref="NormalizedRecord.InputHash"/>):
/// its key and that hash are all the store writer needs to count it unchanged.
/// </summary>
public sealed record UnchangedRecord
{
    public required string SourceKey { get; init; }
    public required string InputHash { get; init; }
}
