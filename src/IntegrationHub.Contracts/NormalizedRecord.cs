using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Validation;

namespace IntegrationHub.Contracts;

/// <summary>A record that passed mapping and validation: canonical JSON, its content hash, the raw payload and warnings.</summary>
public sealed record NormalizedRecord
{
    public required string SourceKey { get; init; }
    public string? SourceVersion { get; init; }

    /// <summary>The canonical JSON without lineage (its <c>sources</c> empty): the bytes <see cref="ContentHash"/> is taken over.</summary>
    public required string Record { get; init; }

    public required string ContentHash { get; init; }

    /// <summary>The real-world case the record describes (see CaseIdentity); computed where the record is parsed anyway.</summary>
    public required string CaseIdentity { get; init; }

    /// <summary>The record as the source holds it, once: the store keeps it for backfills and quarantine replays.</summary>
    public required string Raw { get; init; }

    /// <summary>
    /// The hash of what <see cref="Record"/> was computed from (normalizer revision, mapping, raw record); the store keeps
    /// it, so that a later sync of the same input may skip normalizing (<see cref="UnchangedRecord"/>). Null: not known.
    /// </summary>
    public string? InputHash { get; init; }

    public IReadOnlyList<ValidationIssue> Warnings { get; init; } = [];

    /// <summary>The columns the store indexes beside the JSON; null to have the store read them from <see cref="Record"/>.</summary>
    public RecordFacts? Facts { get; init; }
}
