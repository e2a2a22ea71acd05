using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors;

/// <summary>One page read from a source, in source order, and the checkpoint that resumes right after it.</summary>
public sealed record SourcePage(IReadOnlyList<SourceRecord> Records, string? CheckpointAfter)
{
    /// <summary>A page of upserts only (what most sources give).</summary>
    public static SourcePage Of(IEnumerable<JsonObject> rows, string? checkpointAfter) =>
        new([.. rows.Select(row => new SourceRecord(row))], checkpointAfter);
}

/// <summary>
/// A record as the source holds it. <see cref="Deleted"/> says the source deleted it (a staging table's <c>d</c>
/// operation): the record then only needs the fields of the mapping's source key, and becomes a tombstone in the store.
/// </summary>
public sealed record SourceRecord(JsonObject Data, bool Deleted = false);
