using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Store.Model;

/// <summary>A rejected source record: the raw payload exactly as it came, and every reason.</summary>
public sealed record QuarantineEntry
{
    public required long Id { get; init; }
    public required string ConnectorId { get; init; }
    public required string SourceKey { get; init; }
    public required Guid RunId { get; init; }
    public required string Raw { get; init; }
    public required IReadOnlyList<ValidationIssue> Reasons { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset FirstSeenAt { get; init; }
    public required DateTimeOffset LastSeenAt { get; init; }
}
