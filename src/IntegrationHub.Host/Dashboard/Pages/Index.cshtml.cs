using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Dashboard.Health;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>The overview: every connector with its state and health; subscriptions.</summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class IndexModel(IConnectorRegistry registry, ISupervisionStore store, IConnectorHealthSource health, TimeProvider clock) : DashboardPage
{
    public IReadOnlyList<ConnectorOverview> Connectors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var summaries = (await store.GetSyncSummaryAsync(ct).ConfigureAwait(false)).ToDictionary(s => s.ConnectorId, StringComparer.Ordinal);
        var healths = await health.GetAsync(ct).ConfigureAwait(false);
        Connectors =
        [
            .. registry.All.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c =>
            {
                var summary = summaries.GetValueOrDefault(c.Id);
                var last = summary?.LastRun is { } run ? RunView.From(run, now) : null;
                double? perMinute = last is { DurationMs: > 0 } ? last.Pulled / (last.DurationMs / 60_000.0) : null;
                return new ConnectorOverview(
                    c.Id,
                    c.Name,
                    c.Department,
                    c.Enabled,
                    last?.Status ?? "never",
                    summary?.LastSuccessAt,
                    summary?.LastSuccessAt is { } success ? now - success : null,
                    perMinute,
                    summary?.OpenQuarantine ?? 0,
                    healths.GetValueOrDefault(c.Id) ?? SyncSummaryHealthSource.Of(summary));
            }),
        ];
    }
}
