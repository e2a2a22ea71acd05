using IntegrationHub.Store;
using IntegrationHub.Store.Leases;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Operations;

/// <summary>
/// Evaluates every connector's health every <see cref="HealthOptions.EvaluationInterval"/> and turns a change to failing,
/// stale or drifted — and the way back to healthy — into an operator alert: stored, logged, sent to the operator
/// webhooks. The last alerted state of each connector is read from the store, so a restart does not alert again.
/// </summary>
public sealed partial class HealthMonitor(
    ConnectorHealthService health,
    SubscriptionHealthService subscriptionHealth,
    IAlertStore store,
    OperatorAlertSender sender,
    LeaseKeeper leases,
    IOptions<HealthOptions> options,
    TimeProvider clock,
    ILogger<HealthMonitor> logger) : BackgroundService
{
    public const string ConnectorSubject = "connector";
    public const string SubscriptionSubject = "subscription";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EvaluationInterval, clock);
        do
        {
            try
            {
                // One process evaluates and alerts, so every alert is raised once in the cluster.
                if (await leases.TryHoldAsync(LeaseNames.Health, stoppingToken).ConfigureAwait(false))
                    await EvaluateAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogEvaluationFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One evaluation of every connector and subscription: returns the alerts it raised.</summary>
    public async Task<IReadOnlyList<OperatorAlert>> EvaluateAsync(CancellationToken ct)
    {
        var raised = new List<OperatorAlert>();
        var connectors = await health.EvaluateAsync(ct).ConfigureAwait(false);
        await AlertChangesAsync(ConnectorSubject, [.. connectors.Select(c => (c.Id, c.State, c.Reason))],
            ConnectorHealthStates.Healthy, ConnectorHealthStates.NeedsAttention, raised, ct).ConfigureAwait(false);
        var subscriptions = await subscriptionHealth.EvaluateAsync(ct).ConfigureAwait(false);
        await AlertChangesAsync(SubscriptionSubject, [.. subscriptions.Select(s => (s.Id, s.State, s.Reason))],
            SubscriptionHealthStates.Healthy, SubscriptionHealthStates.NeedsAttention, raised, ct).ConfigureAwait(false);
        return raised;
    }

    /// <summary>An alert for each subject that entered a state needing attention, or left one for healthy.</summary>
    private async Task AlertChangesAsync(string subjectKind, IReadOnlyList<(string Id, string State, string Reason)> subjects,
        string healthy, Func<string, bool> needsAttention, List<OperatorAlert> raised, CancellationToken ct)
    {
        var alerted = await store.GetAlertedStatesAsync(subjectKind, ct).ConfigureAwait(false);
        foreach (var (id, state, reason) in subjects)
        {
            var previous = alerted.GetValueOrDefault(id, healthy);
            var alert = needsAttention(state) ? state != previous : state == healthy && needsAttention(previous);
            if (!alert)
                continue;

            var stored = await store.AddOperatorAlertAsync(new OperatorAlert
            {
                SubjectKind = subjectKind,
                SubjectId = id,
                State = state,
                PreviousState = previous,
                Reason = reason,
                RaisedAt = clock.GetUtcNow(),
            }, ct).ConfigureAwait(false);
            LogAlert(logger, subjectKind, id, previous, state, reason);
            await sender.SendAsync(stored, ct).ConfigureAwait(false);
            raised.Add(stored);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert: {SubjectKind} {Subject} went from {Previous} to {State}: {Reason}")]
    private static partial void LogAlert(ILogger logger, string subjectKind, string subject, string previous, string state, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health evaluation failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);
}
