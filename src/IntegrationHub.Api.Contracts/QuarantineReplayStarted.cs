namespace IntegrationHub.Api.Contracts;

/// <summary>One connector's replay: how many open entries it selected, and where its runs are listed.</summary>
public sealed record QuarantineReplayStarted(string Connector, long Selected, string Runs);
