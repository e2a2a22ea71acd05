namespace IntegrationHub.Store.Assessments;

/// <summary>
/// What reports select and roll up by: the enforcing agency as the case names it (USCC, name, region code) and the
/// case's category. Cases of one agency with the same values share a unit.
/// </summary>
public sealed record AssessmentUnitKey(string? AgencyUscc, string AgencyName, string? RegionCode, string Category);
