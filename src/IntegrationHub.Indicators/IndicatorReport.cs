namespace IntegrationHub.Indicators;

/// <summary>
/// Every indicator for every unit of the selection in one period, as of one day. <see cref="Overall"/> holds, per unit,
/// the share of its indicators it reaches (indicator code <see cref="OverallCode"/>).
/// </summary>
public sealed record IndicatorReport(
    string Period,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly AsOf,
    decimal Target,
    IReadOnlyList<IndicatorDefinition> Indicators,
    IReadOnlyList<IndicatorRow> Rows,
    IReadOnlyList<IndicatorRow> Overall)
{
    public const string OverallCode = "overall";
}
