namespace IntegrationHub.Indicators;

/// <summary>A case that fails an indicator, with the reason: the drill-down behind every figure.</summary>
public sealed record CaseFailure(
    string Indicator,
    string RecordId,
    string AgencyName,
    string? AgencyUscc,
    string? RegionCode,
    string? DecisionNumber,
    DateOnly? Decided,
    string Rule,
    string ReasonZh,
    string ReasonEn);
