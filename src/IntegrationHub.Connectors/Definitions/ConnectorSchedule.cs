namespace IntegrationHub.Connectors.Definitions;

/// <summary>
/// When a connector runs by itself: every interval, on a cron expression (UTC+8 wall clock), or continuously — the next
/// run as soon as one ends (for a source read from its log, whose runs end by themselves).
/// </summary>
public sealed record ConnectorSchedule(TimeSpan? Every, string? Cron)
{
    public static ConnectorSchedule Manual { get; } = new(null, null);

    /// <summary>The next run starts as soon as one ends.</summary>
    public bool Continuous { get; init; }
}
