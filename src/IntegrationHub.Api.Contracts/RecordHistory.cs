namespace IntegrationHub.Api.Contracts;

/// <summary>Every version of one golden record, oldest first.</summary>
public sealed record RecordHistory(string Id, IReadOnlyList<VersionView> Versions);
