namespace IntegrationHub.Indicators;

/// <summary>
/// Where a case stands against one indicator. The numbers are stored (the <c>case_assessments</c> table of
/// docs/indicators.md): never renumber them.
/// </summary>
public enum CaseOutcome
{
    /// <summary>Not in the indicator's denominator.</summary>
    Outside = 0,

    Met = 1,

    Failed = 2,

    /// <summary>A deadline still runs: outside the denominator up to its due day, failed after it.</summary>
    Pending = 3,
}
