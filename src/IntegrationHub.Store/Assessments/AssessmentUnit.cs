namespace IntegrationHub.Store.Assessments;

/// <summary>A unit with its id, its smallest live record id (by code point) and how many live cases it holds.</summary>
public sealed record AssessmentUnit(long Id, AssessmentUnitKey Key, string FirstRecordId, long Cases);
