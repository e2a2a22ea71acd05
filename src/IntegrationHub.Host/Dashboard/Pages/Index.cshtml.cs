using IntegrationHub.Host.Security;
using IntegrationHub.Operations;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Dashboard.Pages;

/// <summary>
/// The overview: every connector with its health as <c>GET /api/v1/health/connectors</c> gives it (the same service),
/// and every subscription with its channels' health.
/// </summary>
[DashboardAuthorize(HubPolicies.Operator)]
public sealed class IndexModel(ConnectorHealthService health, SubscriptionHealthService subscriptionHealth, IAlertStore store) : DashboardPage
{
    public IReadOnlyList<ConnectorOverview> Connectors { get; private set; } = [];

    public IReadOnlyList<SubscriptionHealth> Subscriptions { get; private set; } = [];

    /// <summary>The latest operator alerts, newest first (the same as <c>GET /api/v1/alerts</c>).</summary>
    public IReadOnlyList<OperatorAlert> Alerts { get; private set; } = [];

    public const int AlertsShown = 10;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Connectors =
        [
            .. (await health.EvaluateAsync(ct).ConfigureAwait(false))
                .OrderBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new ConnectorOverview(
                    c.Id,
                    c.Name,
                    c.Department,
                    c.Enabled,
                    c.LastRunStatus ?? "never",
                    c.LastSuccessAt,
                    c.LagSeconds is { } lag ? TimeSpan.FromSeconds(lag) : null,
                    c.RecordsPerMinute,
                    c.QuarantineCount,
                    c)),
        ];
        Subscriptions = [.. (await subscriptionHealth.EvaluateAsync(ct).ConfigureAwait(false)).OrderBy(s => s.Id, StringComparer.Ordinal)];
        Alerts = await store.ListOperatorAlertsAsync(AlertsShown, null, ct).ConfigureAwait(false);
    }
}
