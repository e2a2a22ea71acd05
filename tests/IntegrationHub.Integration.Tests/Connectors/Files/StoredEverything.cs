using IntegrationHub.Connectors;

namespace IntegrationHub.Integration.Tests.Connectors.Files;

/// <summary>Outcomes as a store would give them when every key was stored, except the keys named as quarantined.</summary>
public sealed class StoredEverything(params string[] quarantined) : IRecordOutcomes
{
    public Task<IReadOnlyDictionary<string, RecordOutcome>> FindAsync(string connectorId, IReadOnlyCollection<string> sourceKeys, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, RecordOutcome>>(sourceKeys.ToDictionary(k => k, k => quarantined.Contains(k)
            ? new RecordOutcome(k, "quarantined", null, ["bad row"])
            : new RecordOutcome(k, "stored", "rec-" + k, [])));
}
