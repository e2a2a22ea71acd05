using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Api;

/// <summary>
/// What <c>hub status --json</c> writes: the connectors, and the subscriptions as <c>GET /api/v1/health/subscriptions</c>
/// gives them (state, reason, backlog, channels).
/// </summary>
internal sealed record StatusReport
{
    public required ConnectorStatus[] Connectors { get; init; }

    public JsonArray Subscriptions { get; init; } = [];
}
