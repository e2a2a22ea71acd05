namespace IntegrationHub.Canonical.Calendar;

/// <summary>
/// The calendar day in China for a clock. China keeps UTC+8 all year (no daylight saving since 1991), so the offset is
/// fixed rather than looked up, and the answer does not depend on the host's time-zone database.
/// </summary>
public static class ChinaTime
{
    public static TimeSpan Offset { get; } = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Offset).DateTime);
    }
}
