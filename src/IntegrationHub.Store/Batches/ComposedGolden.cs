using IntegrationHub.Canonical.Model;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Batches;

/// <summary>A golden record composed from its live sources: content with lineage, its hash, field lineage (null for a record held by one source: <see cref="Merge.SingleSourceLineage"/>) and conflicts.</summary>
internal sealed record ComposedGolden(
    string ContentHash, string Content, string? FieldLineage, IReadOnlyList<FieldConflict> Conflicts, string PrimaryConnector, RecordFacts Facts);
