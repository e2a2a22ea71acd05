namespace IntegrationHub.Cli.Api;

/// <summary>The hub asked a worker to run the connector; the run appears under <see cref="Runs"/> once it starts.</summary>
internal sealed record RunAccepted(string ConnectorId, string Trigger, string Runs);
