using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Contracts;

/// <summary>A record that failed mapping or validation, with every reason; it goes to quarantine, never away.</summary>
public sealed record RejectedRecord
{
    public required string SourceKey { get; init; }
    public required string Raw { get; init; }
    public required IReadOnlyList<ValidationIssue> Reasons { get; init; }
}
