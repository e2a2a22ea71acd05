namespace IntegrationHub.Indicators;

/// <summary>Targets of the indicator reports (section Hub:Indicators).</summary>
public sealed record IndicatorOptions
{
    /// <summary>
    /// A unit reaches an indicator when its rate is at least this share, and reaches the target overall when at least
    /// this share of its indicators are reached (default 0.90, the 90% of the 考评 brief). From 0 to 1.
    /// </summary>
    public decimal Target { get; init; } = 0.90m;
}
