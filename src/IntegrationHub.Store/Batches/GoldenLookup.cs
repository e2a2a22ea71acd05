namespace IntegrationHub.Store.Batches;

/// <summary>The golden records a batch may touch: those of its changed records' cases, and those its links point to.</summary>
internal sealed record GoldenLookup(IReadOnlyList<string> Identities, IReadOnlyList<string> RecordIds)
{
    public bool IsEmpty => Identities.Count == 0 && RecordIds.Count == 0;
}
