using System.Globalization;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Host.Audit;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using MassTransit;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// Sending open quarantine entries through normalization and storage again, after their mapping is fixed: per connector
/// with selected entries, one replay run (trigger <c>replay</c>) and one audit entry naming what was selected.
/// </summary>
public sealed class QuarantineReplays(IConnectorRegistry registry, IQuarantineStore store, IPublishEndpoint bus, IAuditLog audit)
{
    public async Task<Outcome<QuarantineReplayAccepted>> ReplayAsync(Caller caller, QuarantineReplayRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Connector is { } id && registry.Find(id) is null)
            return new UseCaseProblem(StatusCodes.Status404NotFound, "Unknown connector", $"connector \"{id}\" is not registered.", "connector", id, "connector.exists");
        if (request.Since > request.Until)
            return UseCaseProblem.Invalid("until", request.Until?.ToString("O"), "until.after-since", "must not be earlier than since.");

        var started = new List<QuarantineReplayStarted>();
        foreach (var connector in registry.All.Where(c => request.Connector is null || c.Id == request.Connector))
        {
            var selected = await store.CountQuarantineAsync(new QuarantineQuery
            {
                ConnectorId = connector.Id,
                Ids = request.Ids,
                Rule = request.Rule,
                Since = request.Since,
                Until = request.Until,
            }, ct).ConfigureAwait(false);
            if (selected == 0)
                continue;
            await bus.Publish(new ReplayQuarantine
            {
                ConnectorId = connector.Id,
                EntryIds = request.Ids,
                Rule = request.Rule,
                Since = request.Since,
                Until = request.Until,
            }, ct).ConfigureAwait(false);
            started.Add(new QuarantineReplayStarted(connector.Id, selected, ConnectorRuns.RunsOf(connector.Id)));
            await audit.RecordAsync(caller, AuditActions.QuarantineReplay, connector.Id, Detail(request, selected), ct).ConfigureAwait(false);
        }

        return new QuarantineReplayAccepted(started);
    }

    private static string Detail(QuarantineReplayRequest request, long selected)
    {
        var parts = new List<string> { $"{selected} entries" };
        if (request.Ids is { Count: > 0 } ids)
            parts.Add("ids " + string.Join(',', ids));
        if (request.Rule is { } rule)
            parts.Add("rule " + rule);
        if (request.Since is { } since)
            parts.Add("since " + since.ToString("O", CultureInfo.InvariantCulture));
        if (request.Until is { } until)
            parts.Add("until " + until.ToString("O", CultureInfo.InvariantCulture));
        return string.Join("; ", parts);
    }
}
