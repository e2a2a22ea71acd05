namespace IntegrationHub.Store.Model;

public sealed record RecordVersion
{
    public required string RecordId { get; init; }
    public required int Version { get; init; }
    public required string ChangeKind { get; init; }
    public required string ContentHash { get; init; }
    public required string Content { get; init; }
    public required string ConnectorId { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
