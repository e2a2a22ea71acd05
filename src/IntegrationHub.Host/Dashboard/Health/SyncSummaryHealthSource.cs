using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Dashboard.Health;

/// <summary>
/// Health from the last run alone: failed or interrupted → failing; the source's fields drifted → drifted; never
/// succeeded → stale; otherwise healthy. A stand-in until the health model (retries, schedules) provides more.
/// </summary>
public sealed class SyncSummaryHealthSource(IConnectorRegistry registry, ISupervisionStore store) : IConnectorHealthSource
{
    public async Task<IReadOnlyDictionary<string, ConnectorHealth>> GetAsync(CancellationToken ct)
    {
        var summaries = (await store.GetSyncSummaryAsync(ct).ConfigureAwait(false)).ToDictionary(s => s.ConnectorId, StringComparer.Ordinal);
        return registry.All.ToDictionary(c => c.Id, c => Of(summaries.GetValueOrDefault(c.Id)), StringComparer.Ordinal);
    }

    public static ConnectorHealth Of(ConnectorSyncSummary? summary)
    {
        var last = summary?.LastRun;
        if (last is { Status: RunStatus.Failed or RunStatus.Interrupted })
            return new(ConnectorHealthStates.Failing, $"最近一次运行失败：{last.Error}", $"The last run failed: {last.Error}");
        if (last?.Drift is { IsEmpty: false } drift)
        {
            var fields = string.Join(", ", drift.MappedButMissing.Concat(drift.Removed).Concat(drift.Added).Distinct().Take(5));
            return new(ConnectorHealthStates.Drifted, $"源字段发生变化：{fields}", $"The source's fields changed: {fields}");
        }

        if (summary?.LastSuccessAt is null)
            return new(ConnectorHealthStates.Stale, "尚无成功运行", "No successful run yet");
        return new(ConnectorHealthStates.Healthy, "最近一次运行成功", "The last run succeeded");
    }
}
