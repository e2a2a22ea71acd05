namespace IntegrationHub.Store.Model;

/// <summary>
/// Live sources of one golden record disagree on a field group: the value of each, and the source whose value the
/// record holds. Open while they disagree; resolved when they agree again or one of them is gone.
/// </summary>
public sealed record FieldConflict
{
    public required string Group { get; init; }
    public required IReadOnlyList<string> Paths { get; init; }
    public required string ChosenConnector { get; init; }
    public required string ChosenSourceKey { get; init; }
    public required IReadOnlyList<ConflictingValue> Values { get; init; }
    public string Status { get; init; } = "open";
    public DateTimeOffset? DetectedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
}
