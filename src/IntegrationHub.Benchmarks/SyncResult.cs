using IntegrationHub.Store.Model;

namespace IntegrationHub.Benchmarks;

/// <summary>The runs of one sync of every connector, and how long it took.</summary>
internal sealed record SyncResult(IReadOnlyList<SyncRun> Runs, TimeSpan Elapsed)
{
    public SyncCounts Counts { get; } = Runs.Aggregate(SyncCounts.Zero, (sum, r) => new SyncCounts(sum.Pulled + r.Counts.Pulled, sum.Inserted + r.Counts.Inserted,
        sum.Updated + r.Counts.Updated, sum.Unchanged + r.Counts.Unchanged, sum.Quarantined + r.Counts.Quarantined, sum.Deleted + r.Counts.Deleted));

    public double Rate => Counts.Pulled / Elapsed.TotalSeconds;

    public bool Conserves => Runs.All(r => r.Status == RunStatus.Completed && r.Counts.Conserves);

    public long PulledOf(string connectorId) => Runs.Where(r => r.ConnectorId == connectorId).Sum(r => r.Counts.Pulled);
}
