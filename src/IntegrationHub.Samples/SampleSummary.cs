namespace IntegrationHub.Samples;

/// <summary>The sample source databases, one per department.</summary>
public sealed record SampleSummary(IReadOnlyList<SampleDatabaseFile> Databases)
{
    public long TotalRows => Databases.Sum(d => d.Rows);

    /// <summary>One line for logs: "market-regulation 100000 rows (created) /data/samples/market-regulation.db; …".</summary>
    public override string ToString() =>
        string.Join("; ", Databases.Select(d => $"{d.DepartmentId} {d.Rows} rows ({(d.Created ? "created" : "existing")}) {d.Path}"));
}
