using IntegrationHub.Api.Contracts;
using IntegrationHub.Host.Security;
using IntegrationHub.Operations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// Health of what the hub runs, in the operators' states: <c>GET /health/connectors</c> and <c>GET /health/subscriptions</c>.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("health")
            .WithTags("Health")
            .RequireAuthorization(HubPolicies.Operator);

        api.MapGet("/connectors", GetConnectors)
            .WithName("GetConnectorHealth")
            .WithSummary("Health of every connector")
            .WithDescription("Per registered connector: healthy, degraded, failing, stale or drifted, with the reason in English and Chinese, the last success, the lag since it, records per minute of the latest successful run and the open quarantine count. docs/operations.md defines the states.");

        api.MapGet("/subscriptions", GetSubscriptions)
            .WithName("GetSubscriptionHealth")
            .WithSummary("Health of every subscription")
            .WithDescription("Per subscription: healthy, lagging, failing or disabled with the reason in English and Chinese, its backlog, and per channel in use (pull, webhook, amqp) the position, backlog, oldest pending event, last activity and, for webhooks, the delivery success rate and failed attempts.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SubscriptionHealth>>> GetSubscriptions(SubscriptionHealthService health, CancellationToken ct) =>
        TypedResults.Ok(await health.EvaluateAsync(ct).ConfigureAwait(false));

    public static async Task<Ok<IReadOnlyList<ConnectorHealth>>> GetConnectors(ConnectorHealthService health, CancellationToken ct) =>
        TypedResults.Ok(await health.EvaluateAsync(ct).ConfigureAwait(false));
}
