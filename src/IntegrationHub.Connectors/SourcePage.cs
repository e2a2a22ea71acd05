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
/// A record as the source holds it.
/// </summary>
/// <param name="Data">Field name → value, as the source names them.</param>
/// <param name="Deleted">The source deleted the record (a staging table's <c>d</c> operation): only the fields of the
/// mapping's source key count, and the record becomes a tombstone in the store and on the feed.</param>
/// <param name="Origin">Where in the source the record is (<c>cases.csv row 17</c>), for messages and reports.</param>
/// <param name="Problem">Why the source part could not be read as a record (a CSV row with too many fields). Such a
/// record is quarantined with this reason, never dropped; <paramref name="Data"/> then holds what could be read.</param>
public sealed record SourceRecord(JsonObject Data, bool Deleted = false, string? Origin = null, string? Problem = null);
