namespace IntegrationHub.Cli.Api;

/// <summary>One connector's replay: how many open entries it selected, and where its runs are listed.</summary>
internal sealed record QuarantineReplayStarted(string Connector, long Selected, string Runs);
