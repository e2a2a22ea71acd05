using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>What the store knows of each source: the fields its last run saw (drift), what became of each source record (stored, quarantined, deleted), and the raw payloads kept for backfills.</summary>
public interface ISourceStore
{
    /// <summary>The source fields the connector's last reading run saw; null before the first.</summary>
    Task<IReadOnlyList<string>?> GetSourceFieldsAsync(string connectorId, CancellationToken ct);

    /// <summary>Remembers the fields a run saw and, when they drifted, records the drift on the run and the connector.</summary>
    Task SaveSourceFieldsAsync(string connectorId, IReadOnlyCollection<string> fields, SourceDrift? drift, CancellationToken ct);

    /// <summary>The raw payloads of a connector's live (not deleted) source records, by source key after <paramref name="afterKey"/>.</summary>
    Task<IReadOnlyList<(string SourceKey, string Raw)>> ListStoredRawAsync(string connectorId, string? afterKey, int limit, CancellationToken ct);

    /// <summary>For each source key the store knows (as a link or an open quarantine entry), what became of the record.</summary>
    Task<IReadOnlyDictionary<string, SourceRecordState>> FindSourceRecordStatesAsync(string connectorId, IReadOnlyCollection<string> sourceKeys, CancellationToken ct);
}
