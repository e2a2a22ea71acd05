namespace IntegrationHub.Cli.Api;

/// <summary>What <c>hub status --json</c> writes. Subscriptions join when the hub has them (issue 5).</summary>
internal sealed record StatusReport
{
    public required ConnectorStatus[] Connectors { get; init; }
}
