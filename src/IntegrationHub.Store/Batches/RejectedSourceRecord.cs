using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Store.Batches;

/// <summary>A source record that failed mapping or validation: it goes to quarantine with every reason.</summary>
public sealed record RejectedSourceRecord
{
    public required string SourceKey { get; init; }
    public required string Raw { get; init; }
    public required IReadOnlyList<ValidationIssue> Reasons { get; init; }
}
