namespace IntegrationHub.Indicators;

/// <summary>What an indicator measures: a stable code, its name, and the rule it checks (docs/indicators.md).</summary>
public sealed record IndicatorDefinition(string Code, string NameZh, string NameEn, string LegalBasis);
