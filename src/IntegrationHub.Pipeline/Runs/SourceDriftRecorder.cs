using System.Runtime.CompilerServices;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Pipeline.Runs;

/// <summary>
/// Notices when a source's fields change: compares the fields a run's records had with the previous reading run's, and
/// with what the mapping reads. A change is kept on the run and on the connector (its health shows it) and logged,
/// instead of the mapping silently mapping nothing. The first run reports only mapped fields that never came.
/// </summary>
public sealed partial class SourceDriftRecorder(ISourceStore store, TimeProvider clock, ILogger<SourceDriftRecorder> logger)
{
    public async Task RecordAsync(ConnectorDefinition connector, Guid runId, RunFields fields, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Records == 0)
            return;
        try
        {
            var seen = fields.Names;
            var previous = await store.GetSourceFieldsAsync(connector.Id, ct).ConfigureAwait(false);
            var used = connector.Mapping.SourceFieldsUsed;
            var drift = new SourceDrift
            {
                RunId = runId,
                DetectedAt = clock.GetUtcNow(),
                Added = previous is null ? [] : [.. seen.Except(previous, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                Removed = previous is null ? [] : [.. previous.Except(seen, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                MappedButMissing = [.. used.Where(f => !seen.Contains(f) && (previous is null || previous.Contains(f, StringComparer.Ordinal))).Order(StringComparer.Ordinal)],
            };
            if (!drift.IsEmpty)
                LogDrift(logger, connector.Id, runId, string.Join(", ", drift.Added), string.Join(", ", drift.Removed), string.Join(", ", drift.MappedButMissing));
            await store.SaveSourceFieldsAsync(connector.Id, seen, drift.IsEmpty ? null : drift, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, connector.Id, runId);
        }
    }

    /// <summary>The field names of the records a run reads (deletions and unreadable parts aside).</summary>
    public sealed class RunFields
    {
        private readonly HashSet<string> _names = new(StringComparer.Ordinal);

        public IReadOnlySet<string> Names => _names;

        public long Records { get; private set; }

        /// <summary>The pages, passed on as they come, with their records' fields noted.</summary>
        public async IAsyncEnumerable<SourcePage> Observe(IAsyncEnumerable<SourcePage> pages, [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var page in pages.WithCancellation(ct).ConfigureAwait(false))
            {
                foreach (var record in page.Records)
                {
                    if (record.Deleted || record.Problem is not null)
                        continue;
                    Records++;
                    foreach (var (name, _) in record.Data)
                        _names.Add(name);
                }

                yield return page;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fields of {Connector}'s source changed (run {RunId}): added [{Added}], removed [{Removed}], read by the mapping but missing [{Missing}]")]
    private static partial void LogDrift(ILogger logger, string connector, Guid runId, string added, string removed, string missing);

    [LoggerMessage(Level = LogLevel.Error, Message = "After run {RunId} of {Connector}, the fields its source had could not be recorded")]
    private static partial void LogFailed(ILogger logger, Exception exception, string connector, Guid runId);
}
