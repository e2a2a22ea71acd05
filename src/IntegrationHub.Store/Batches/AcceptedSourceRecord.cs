using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Store.Batches;

/// <summary>A source record that passed mapping and validation.</summary>
public sealed record AcceptedSourceRecord
{
    public required string SourceKey { get; init; }
    public string? SourceVersion { get; init; }

    /// <summary>The canonical JSON of the record without lineage (its <c>sources</c> empty): the bytes its hash is taken over.</summary>
    public required string Content { get; init; }

    public required string ContentHash { get; init; }

    /// <summary>The real-world case the record describes (see Mapping's CaseIdentity).</summary>
    public required string CaseIdentity { get; init; }

    public required string Raw { get; init; }

    /// <summary>The hash of the input the content was computed from (normalizer revision, mapping, raw); null when not known.</summary>
    public string? InputHash { get; init; }
    public IReadOnlyList<ValidationIssue> Warnings { get; init; } = [];

    /// <summary>The columns the store indexes, read from the record where it was parsed anyway; null to have the store read them.</summary>
    public RecordFacts? Facts { get; init; }
}
