using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>Pages read back from the store instead of a source: for backfills and quarantine replays. Keyset-paged, so memory stays bounded.</summary>
public sealed class StoredPages(ISourceStore sources, IQuarantineStore quarantine)
{
    /// <summary>Every stored raw payload of the connector's live source records, by source key.</summary>
    public async IAsyncEnumerable<SourcePage> RawAsync(string connectorId, int pageSize, [EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        while (true)
        {
            var stored = await sources.ListStoredRawAsync(connectorId, after, pageSize, ct).ConfigureAwait(false);
            if (stored.Count == 0)
                yield break;
            yield return SourcePage.Of(stored.Select(s => (JsonObject)JsonNode.Parse(s.Raw)!), checkpointAfter: null);
            after = stored[^1].SourceKey;
        }
    }

    /// <summary>The selected quarantine entries, by id.</summary>
    public async IAsyncEnumerable<SourcePage> QuarantinedAsync(QuarantineQuery selection, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(selection);
        long? after = null;
        while (true)
        {
            var entries = await quarantine.ListQuarantineAsync(selection with { After = after }, ct).ConfigureAwait(false);
            if (entries.Count == 0)
                yield break;
            yield return SourcePage.Of(entries.Select(e => (JsonObject)JsonNode.Parse(e.Raw)!), checkpointAfter: null);
            after = entries[^1].Id;
        }
    }
}
