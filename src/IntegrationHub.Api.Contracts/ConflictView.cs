namespace IntegrationHub.Api.Contracts;

/// <summary>One field group its sources disagree on: the paths that differ, what each source says, which one the record holds.</summary>
public sealed record ConflictView
{
    public required string Group { get; init; }
    public required IReadOnlyList<string> Paths { get; init; }
    public required string Status { get; init; }
    public required string ChosenConnector { get; init; }
    public required string ChosenSourceKey { get; init; }
    public required IReadOnlyList<ConflictValueView> Values { get; init; }
    public DateTimeOffset? DetectedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}
