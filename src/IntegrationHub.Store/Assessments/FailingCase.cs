namespace IntegrationHub.Store.Assessments;

/// <summary>A case that fails a slot: its record id and unit.</summary>
public sealed record FailingCase(string RecordId, long UnitId);
