namespace IntegrationHub.Store.Assessments;

/// <summary>A live golden record: its id and canonical JSON content.</summary>
public sealed record LiveRecord(string Id, string Content);
