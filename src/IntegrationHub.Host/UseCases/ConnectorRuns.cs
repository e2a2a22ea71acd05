using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Apis;
using IntegrationHub.Host.Audit;
using IntegrationHub.Host.Security;
using MassTransit;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// Asking for a connector's run now, or for a backfill: the connector must exist and be the caller's to run (a
/// department key runs its own department's connectors only), a disabled connector does not run, and the request is
/// audited. A worker picks the run up; it shows under <see cref="RunAccepted.Runs"/> once it starts.
/// </summary>
public sealed class ConnectorRuns(IConnectorRegistry registry, IPublishEndpoint publisher, IAuditLog audit)
{
    public async Task<Outcome<RunAccepted>> StartAsync(Caller caller, string connectorId, CancellationToken ct)
    {
        var found = Find(caller, connectorId);
        if (found.Value is not { } connector)
            return found.Problem!;
        if (!connector.Enabled)
        {
            return UseCaseProblem.Conflict("id", connector.Id, "connector.enabled", "The connector is disabled.",
                $"Connector '{connector.Id}' is disabled; enable it (POST {HubApis.Prefix}/connectors/{connector.Id}/enable) to run it.");
        }

        var accepted = await PublishAsync(connector, new RunConnector { ConnectorId = connector.Id, Trigger = RunTriggers.Api }, ct).ConfigureAwait(false);
        await audit.RecordAsync(caller, AuditActions.ConnectorRun, connector.Id, null, ct).ConfigureAwait(false);
        return accepted;
    }

    /// <summary>The connector's stored records normalized again with its current mapping, through the normal path.</summary>
    public async Task<Outcome<RunAccepted>> BackfillAsync(Caller caller, string connectorId, CancellationToken ct)
    {
        var found = Find(caller, connectorId);
        if (found.Value is not { } connector)
            return found.Problem!;
        var accepted = await PublishAsync(connector, new RunConnector { ConnectorId = connector.Id, Trigger = RunTriggers.Backfill, Backfill = true }, ct).ConfigureAwait(false);
        await audit.RecordAsync(caller, AuditActions.ConnectorBackfill, connector.Id, null, ct).ConfigureAwait(false);
        return accepted;
    }

    /// <summary>The runs' address of a connector, as the API lists them.</summary>
    public static string RunsOf(string connectorId) => $"{HubApis.Prefix}/connectors/{Uri.EscapeDataString(connectorId)}/runs";

    private Outcome<ConnectorDefinition> Find(Caller caller, string connectorId) => DepartmentBoundary.FindFor(registry, caller, connectorId);

    private async Task<RunAccepted> PublishAsync(ConnectorDefinition connector, RunConnector request, CancellationToken ct)
    {
        await publisher.Publish(request, ct).ConfigureAwait(false);
        return new RunAccepted(connector.Id, request.Trigger, RunsOf(connector.Id));
    }
}
