using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Batches;

/// <summary>Everything one batch writes, table by table, in the order the writes must happen; and what it counted.</summary>
internal sealed class BatchPlan
{
    public List<QuarantineRow> Quarantine { get; } = [];

    public List<SourceRow> Sources { get; } = [];
    public List<SourceDeletionRow> SourceDeletions { get; } = [];

    /// <summary>Links the batch leaves as they are whose input hash moves on (same content from another input).</summary>
    public List<InputHashRow> InputHashes { get; } = [];
    public List<GoldenRow> Golden { get; } = [];
    public List<VersionRow> Versions { get; } = [];

    /// <summary>Versions current before the batch and superseded by it: they keep the content the golden record held.</summary>
    public List<SupersededVersionRow> SupersededVersions { get; } = [];
    public List<ChangeRow> Changes { get; } = [];
    public List<ConflictRow> Conflicts { get; } = [];

    /// <summary>Records that existed before the batch and were merged again: their conflict entries not open any more are resolved.</summary>
    public List<string> ConflictsReviewed { get; } = [];

    public List<OpenConflict> OpenConflicts { get; } = [];

    public SyncCounts Counts { get; set; } = SyncCounts.Zero;
}
