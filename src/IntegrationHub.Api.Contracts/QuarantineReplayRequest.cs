namespace IntegrationHub.Api.Contracts;

/// <summary>
/// Which open quarantine entries to send through the pipeline again: of one connector (or every connector), all of them,
/// the listed ids, or those of one rule or time window.
/// </summary>
public sealed record QuarantineReplayRequest(string? Connector, IReadOnlyList<long>? Ids, string? Rule, DateTimeOffset? Since, DateTimeOffset? Until);
