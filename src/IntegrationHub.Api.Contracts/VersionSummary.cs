namespace IntegrationHub.Api.Contracts;

/// <summary>One version of a golden record: which connector changed it, when, and how.</summary>
public sealed record VersionSummary(int Version, string ChangeKind, string Connector, DateTimeOffset ChangedAt, string ContentHash);
