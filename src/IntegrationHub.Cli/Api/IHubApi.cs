using System.Text.Json.Nodes;
using IntegrationHub.Api.Contracts;
using Refit;

namespace IntegrationHub.Cli.Api;

/// <summary>The hub's connector and quarantine API (under <c>/api/v1</c>, Bearer API key), as the command-line tool uses it.</summary>
internal interface IHubApi
{
    [Get("/connector-kinds")]
    Task<ConnectorKindView[]> ListKindsAsync(CancellationToken cancellationToken);

    [Get("/connectors")]
    Task<ConnectorView[]> ListConnectorsAsync(CancellationToken cancellationToken);

    [Get("/connectors/{id}")]
    Task<ConnectorView> GetConnectorAsync(string id, CancellationToken cancellationToken);

    /// <summary>Registers a connector from a definition whose <c>mapping</c> is an inline object.</summary>
    [Post("/connectors")]
    Task<ConnectorView> CreateConnectorAsync([Body] JsonObject definition, CancellationToken cancellationToken);

    [Put("/connectors/{id}")]
    Task<ConnectorView> ReplaceConnectorAsync(string id, [Body] JsonObject definition, CancellationToken cancellationToken);

    /// <summary><paramref name="replicationSlot"/>: <c>drop</c> or <c>keep</c> for a connector in cdc mode (null: not given).</summary>
    [Delete("/connectors/{id}")]
    Task DeleteConnectorAsync(string id, [Query] string? replicationSlot, CancellationToken cancellationToken);

    [Post("/connectors/{id}/enable")]
    Task<ConnectorView> EnableConnectorAsync(string id, CancellationToken cancellationToken);

    [Post("/connectors/{id}/disable")]
    Task<ConnectorView> DisableConnectorAsync(string id, [Query] string? replicationSlot, CancellationToken cancellationToken);

    [Post("/connectors/{id}/check")]
    Task<ConnectionCheckView> CheckConnectorAsync(string id, CancellationToken cancellationToken);

    [Post("/connectors/{id}/discover")]
    Task<DiscoveredFieldsView> DiscoverAsync(string id, [Query] int sample, CancellationToken cancellationToken);

    /// <summary>Maps a sample without storing it; <paramref name="from"/> is <c>start</c> or <c>checkpoint</c>.</summary>
    [Post("/connectors/{id}/preview")]
    Task<PreviewView> PreviewAsync(string id, [Query] int limit, [Query] string from, CancellationToken cancellationToken);

    [Post("/connectors/{id}/runs")]
    Task<RunAccepted> StartRunAsync(string id, CancellationToken cancellationToken);

    /// <summary>Asks for a backfill: the stored records normalized again with the current mapping.</summary>
    [Post("/connectors/{id}/backfill")]
    Task<RunAccepted> StartBackfillAsync(string id, CancellationToken cancellationToken);

    /// <summary>The connector's runs, newest first.</summary>
    [Get("/connectors/{id}/runs")]
    Task<RunView[]> ListRunsAsync(string id, [Query] int limit, CancellationToken cancellationToken);

    /// <summary>Quarantine entries in id order; null filters are left out (the hub's default status is open).</summary>
    [Get("/quarantine")]
    Task<QuarantinePage> ListQuarantineAsync(
        [Query] string? connector,
        [Query] string? rule,
        [Query] string? status,
        [Query] string? since,
        [Query] int limit,
        [Query] long? after,
        CancellationToken cancellationToken);

    [Get("/quarantine/{id}")]
    Task<QuarantineView> GetQuarantineAsync(long id, CancellationToken cancellationToken);

    [Post("/quarantine/replay")]
    Task<QuarantineReplayAccepted> ReplayQuarantineAsync([Body] QuarantineReplayRequest request, CancellationToken cancellationToken);

    // --- subscriptions (shapes as in the hub's OpenAPI document; kept as JSON, the tool only shows them) ---

    [Get("/subscriptions")]
    Task<JsonArray> ListSubscriptionsAsync(CancellationToken cancellationToken);

    [Get("/subscriptions/{id}")]
    Task<JsonObject> GetSubscriptionAsync(string id, CancellationToken cancellationToken);

    [Post("/subscriptions")]
    Task<JsonObject> CreateSubscriptionAsync([Body] JsonObject subscription, CancellationToken cancellationToken);

    [Delete("/subscriptions/{id}")]
    Task DeleteSubscriptionAsync(string id, CancellationToken cancellationToken);

    [Put("/subscriptions/{id}/filter")]
    Task<JsonObject> SetSubscriptionFilterAsync(string id, [Body] JsonObject filter, CancellationToken cancellationToken);

    [Get("/subscriptions/{id}/keys")]
    Task<JsonArray> ListSubscriptionKeysAsync(string id, CancellationToken cancellationToken);

    [Post("/subscriptions/{id}/keys")]
    Task<JsonObject> IssueSubscriptionKeyAsync(string id, [Body] JsonObject request, CancellationToken cancellationToken);

    [Delete("/subscriptions/{id}/keys/{keyId}")]
    Task RevokeSubscriptionKeyAsync(string id, string keyId, CancellationToken cancellationToken);

    // --- indicators ---

    [Get("/indicators")]
    Task<JsonObject> GetIndicatorsAsync([Query] string? region, [Query] string? agency, [Query] string? period, CancellationToken cancellationToken);

    [Get("/sync/summary")]
    Task<ConnectorSyncView[]> GetSyncSummaryAsync(CancellationToken cancellationToken);

    [Get("/health/connectors")]
    Task<ConnectorHealth[]> GetConnectorHealthAsync(CancellationToken cancellationToken);

    [Get("/health/subscriptions")]
    Task<JsonArray> GetSubscriptionHealthAsync(CancellationToken cancellationToken);
}
