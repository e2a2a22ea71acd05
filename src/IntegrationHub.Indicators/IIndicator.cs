using IntegrationHub.Canonical.Calendar;
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

    /// <summary>
    /// The outcome on every as-of day at once (what the persisted assessment stores). This default fits an indicator
    /// whose outcome does not depend on the as-of day; one with a running deadline overrides it, and its
    /// <see cref="Assess"/> must agree with <c>Standing(…).On(asOf)</c> on every day.
    /// </summary>
    CaseStanding Standing(EnforcementAction action, WorkingDayCalendar calendar) =>
        Assess(action, new IndicatorContext(calendar, DateOnly.MaxValue)) switch
        {
            null => CaseStanding.Outside,
            { Met: true } => CaseStanding.Met,
            _ => CaseStanding.Failed,
        };
}
