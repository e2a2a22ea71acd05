using IntegrationHub.Connectors;
using IntegrationHub.Store;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>What became of a connector's records, as the supervision store knows it.</summary>
public sealed class StoreRecordOutcomes(ISourceStore store) : IRecordOutcomes
{
    public async Task<IReadOnlyDictionary<string, RecordOutcome>> FindAsync(string connectorId, IReadOnlyCollection<string> sourceKeys, CancellationToken ct)
    {
        var states = await store.FindSourceRecordStatesAsync(connectorId, sourceKeys, ct).ConfigureAwait(false);
        return states.ToDictionary(s => s.Key, s => new RecordOutcome(s.Value.SourceKey, s.Value.Status, s.Value.RecordId, s.Value.Reasons), StringComparer.Ordinal);
    }
}
