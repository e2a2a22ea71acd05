using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>The golden records as readers see them: one record, a page of them, its versions, its field lineage and its conflicts. Written only by the batch commit (<see cref="Batches.IBatchCommitter"/>).</summary>
public interface IRecordStore
{
    Task<GoldenRecord?> GetRecordAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<GoldenRecord>> ListRecordsAsync(RecordQuery query, CancellationToken ct);

    /// <summary>The record's region, agency and category, to check a caller's scope; null for an unknown record.</summary>
    Task<(string? RegionCode, string? AgencyUscc, string? Category)?> GetRecordScopeAsync(string id, CancellationToken ct);

    Task<IReadOnlyList<RecordVersion>> GetHistoryAsync(string id, CancellationToken ct);

    Task<long> CountRecordsAsync(CancellationToken ct);

    /// <summary>For each field group of the record, the source that gave its value; null for an unknown record.</summary>
    Task<IReadOnlyList<FieldLineage>?> GetFieldLineageAsync(string id, CancellationToken ct);

    /// <summary>The record's conflict log: every field group its sources disagree (or disagreed) on, with each source's value.</summary>
    Task<IReadOnlyList<FieldConflict>> GetConflictsAsync(string id, CancellationToken ct);
}
