using IntegrationHub.Canonical.Model;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Merge;

/// <summary>A golden record merged from its live sources: its content (without lineage), where each group came from, and the disagreements.</summary>
public sealed record MergeResult
{
    public required EnforcementAction Record { get; init; }
    public required string ContentHash { get; init; }

    /// <summary>The source of the highest priority (then the most recent read): the record's primary source.</summary>
    public required MergeSource Primary { get; init; }

    /// <summary>For each group some source has a value for, the source that gave it.</summary>
    public required IReadOnlyList<FieldLineage> Lineage { get; init; }

    /// <summary>The groups on which two or more live sources hold different values.</summary>
    public required IReadOnlyList<FieldConflict> Conflicts { get; init; }
}
