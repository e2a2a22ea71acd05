using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>
/// An indicator of an act due by a deadline (publication, service, withdrawal): met when done on or before the due day,
/// failed when done later, and — not done yet — pending until the due day, failed after it. The standing and the
/// assessment come from the same three facts, so they agree on every as-of day.
/// </summary>
internal abstract class DeadlineIndicator : IIndicator
{
    public abstract IndicatorDefinition Definition { get; }

    /// <summary>The deadline of the act; null when the case is outside the indicator.</summary>
    protected abstract Deadline? DeadlineOf(EnforcementAction action, WorkingDayCalendar calendar);

    /// <summary>The day the act was done; null when it was not (yet).</summary>
    protected abstract DateOnly? DoneOn(EnforcementAction action);

    /// <summary>Why the case fails: done late (<paramref name="done"/>) or, past the due day, not done (null).</summary>
    protected abstract CaseAssessment Failure(EnforcementAction action, Deadline deadline, DateOnly? done, WorkingDayCalendar calendar);

    public virtual DateOnly? PeriodDate(EnforcementAction action) => action.Dates.Decided;

    public CaseStanding Standing(EnforcementAction action, WorkingDayCalendar calendar)
    {
        if (DeadlineOf(action, calendar) is not { } deadline)
            return CaseStanding.Outside;
        if (DoneOn(action) is not { } done)
            return CaseStanding.PendingUntil(deadline.Due);
        return deadline.IsMetBy(done) ? CaseStanding.Met : CaseStanding.Failed;
    }

    public CaseAssessment? Assess(EnforcementAction action, IndicatorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Standing(action, context.Calendar).On(context.AsOf) switch
        {
            CaseOutcome.Outside => null,
            CaseOutcome.Met => CaseAssessment.Pass,
            _ => Failure(action, DeadlineOf(action, context.Calendar)!, DoneOn(action), context.Calendar),
        };
    }
}
