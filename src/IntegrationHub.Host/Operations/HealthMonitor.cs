using IntegrationHub.Host.Configuration;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Host.Operations;

/// <summary>
/// Evaluates every connector's health every <see cref="HealthOptions.EvaluationInterval"/> and turns a change to failing,
/// stale or drifted — and the way back to healthy — into an operator alert: stored, logged, sent to the operator
/// webhooks. The last alerted state of each connector is read from the store, so a restart does not alert again.
/// </summary>
public sealed partial class HealthMonitor(
    ConnectorHealthService health,
    ISupervisionStore store,
    OperatorAlertSender sender,
    IOptions<HubOptions> options,
    TimeProvider clock,
    ILogger<HealthMonitor> logger) : BackgroundService
{
    public const string ConnectorSubject = "connector";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Health.EvaluationInterval, clock);
        do
        {
            try
            {
                await EvaluateAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogEvaluationFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One evaluation: returns the alerts it raised.</summary>
    public async Task<IReadOnlyList<OperatorAlert>> EvaluateAsync(CancellationToken ct)
    {
        var connectors = await health.EvaluateAsync(ct).ConfigureAwait(false);
        var alerted = await store.GetAlertedStatesAsync(ConnectorSubject, ct).ConfigureAwait(false);
        var raised = new List<OperatorAlert>();
        foreach (var connector in connectors)
        {
            var previous = alerted.GetValueOrDefault(connector.Id, ConnectorHealthStates.Healthy);
            var alert = ConnectorHealthStates.NeedsAttention(connector.State) ? connector.State != previous
                : connector.State == ConnectorHealthStates.Healthy && ConnectorHealthStates.NeedsAttention(previous);
            if (!alert)
                continue;

            var stored = await store.AddOperatorAlertAsync(new OperatorAlert
            {
                SubjectKind = ConnectorSubject,
                SubjectId = connector.Id,
                State = connector.State,
                PreviousState = previous,
                Reason = connector.Reason,
                RaisedAt = clock.GetUtcNow(),
            }, ct).ConfigureAwait(false);
            LogAlert(logger, connector.Id, previous, connector.State, connector.Reason);
            await sender.SendAsync(stored, ct).ConfigureAwait(false);
            raised.Add(stored);
        }

        return raised;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert: connector {Connector} went from {Previous} to {State}: {Reason}")]
    private static partial void LogAlert(ILogger logger, string connector, string previous, string state, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Health evaluation failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);
}
