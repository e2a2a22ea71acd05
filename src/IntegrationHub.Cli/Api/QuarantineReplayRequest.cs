namespace IntegrationHub.Cli.Api;

/// <summary>Which open quarantine entries to replay: of one connector (or all), the listed ids, or one rule's.</summary>
internal sealed record QuarantineReplayRequest(string? Connector, long[]? Ids, string? Rule);
