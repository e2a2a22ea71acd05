using IntegrationHub.Mapping.Validation;

namespace IntegrationHub.Contracts;

/// <summary>A record that passed mapping and validation: canonical JSON, its content hash, the raw payload and warnings.</summary>
public sealed record NormalizedRecord
{
    public required string SourceKey { get; init; }
    public string? SourceVersion { get; init; }
    public required string Record { get; init; }
    public required string ContentHash { get; init; }

    /// <summary>The real-world case the record describes (see CaseIdentity); computed where the record is parsed anyway.</summary>
    public required string CaseIdentity { get; init; }
    public required string Raw { get; init; }
    public IReadOnlyList<ValidationIssue> Warnings { get; init; } = [];
}
