namespace IntegrationHub.Indicators;

/// <summary>
/// The agencies of a report ranked by how far they are below the target on one indicator or overall: the largest gap
/// first (then the most cases short, then the code), agencies at or above the target after those below it.
/// </summary>
public sealed record IndicatorRanking(string Period, DateOnly AsOf, decimal Target, string Indicator, IReadOnlyList<AgencyShortfall> Agencies)
{
    /// <param name="indicator">An indicator code, or <see cref="IndicatorReport.OverallCode"/>.</param>
    public static IndicatorRanking Of(IndicatorReport report, string indicator)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(indicator);
        var rows = indicator == IndicatorReport.OverallCode ? report.Overall : report.Rows;
        var ranked = rows
            .Where(r => r.UnitKind == UnitKind.Agency && r.Indicator == indicator && r.Counted > 0)
            .Select(r => (Row: r, Gap: report.Target - (decimal)r.Met / r.Counted, Short: Math.Max(0, (int)Math.Ceiling(report.Target * r.Counted) - r.Met)))
            .OrderByDescending(x => x.Gap).ThenByDescending(x => x.Short).ThenBy(x => x.Row.UnitCode, StringComparer.Ordinal)
            .Select((x, i) => new AgencyShortfall(i + 1, x.Row.UnitCode, x.Row.UnitName, x.Row.Met, x.Row.Counted, x.Row.Rate,
                x.Row.MeetsTarget == true, Math.Round(x.Gap, 4, MidpointRounding.AwayFromZero), x.Short))
            .ToList();
        return new IndicatorRanking(report.Period, report.AsOf, report.Target, indicator, ranked);
    }
}
