namespace IntegrationHub.Connectors.Definitions;

/// <summary>When a connector runs by itself: every interval, or on a cron expression (UTC+8 wall clock).</summary>
public sealed record ConnectorSchedule(TimeSpan? Every, string? Cron)
{
    public static ConnectorSchedule Manual { get; } = new(null, null);
}
