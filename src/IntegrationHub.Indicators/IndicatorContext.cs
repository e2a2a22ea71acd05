using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Indicators;

/// <summary>
/// The working-day calendar and the day the figures are taken on (China date). A decision whose publication or delivery
/// deadline is still running on <see cref="AsOf"/> is not yet counted: it can still be done in time.
/// </summary>
public sealed record IndicatorContext(WorkingDayCalendar Calendar, DateOnly AsOf)
{
    /// <summary>Figures as of today in China by <paramref name="clock"/>.</summary>
    public static IndicatorContext Today(TimeProvider clock, WorkingDayCalendar? calendar = null) =>
        new(calendar ?? WorkingDayCalendar.China, ChinaTime.Today(clock));
}
