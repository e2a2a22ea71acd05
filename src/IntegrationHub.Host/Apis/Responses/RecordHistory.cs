namespace IntegrationHub.Host.Apis.Responses;

/// <summary>Every version of one golden record, oldest first.</summary>
public sealed record RecordHistory(string Id, IReadOnlyList<VersionView> Versions);
