using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators;

/// <summary>One compliance indicator: which cases it counts (the denominator) and whether each one meets it.</summary>
public interface IIndicator
{
    IndicatorDefinition Definition { get; }

    /// <summary>The date that places the case in a reporting period: the decision date unless the indicator says otherwise.</summary>
    DateOnly? PeriodDate(EnforcementAction action) => action.Dates.Decided;

    /// <summary>Null when the case is outside the denominator (with the exclusions of docs/indicators.md).</summary>
    CaseAssessment? Assess(EnforcementAction action, IndicatorContext context);
}
