namespace IntegrationHub.Indicators;

/// <summary>
/// One unit's figure for one indicator (or overall) month by month: each point is what the monthly report of that month
/// says for the unit, so a trend and a report never disagree.
/// </summary>
public sealed record IndicatorTrend(
    UnitKind UnitKind,
    string UnitCode,
    string UnitName,
    string Indicator,
    string From,
    string To,
    DateOnly AsOf,
    decimal Target,
    IReadOnlyList<TrendPoint> Months)
{
    /// <param name="monthly">The monthly reports, oldest first.</param>
    /// <param name="indicator">An indicator code, or <see cref="IndicatorReport.OverallCode"/>.</param>
    public static IndicatorTrend Of(UnitKind kind, string unitCode, string indicator, IReadOnlyList<IndicatorReport> monthly, DateOnly asOf, decimal target)
    {
        ArgumentNullException.ThrowIfNull(monthly);
        if (monthly.Count == 0)
            throw new ArgumentException("A trend needs at least one month.", nameof(monthly));
        var points = new List<TrendPoint>(monthly.Count);
        var name = unitCode;
        foreach (var report in monthly)
        {
            var rows = indicator == IndicatorReport.OverallCode ? report.Overall : report.Rows;
            var row = rows.FirstOrDefault(r => r.UnitKind == kind && r.UnitCode == unitCode && r.Indicator == indicator);
            if (row is null)
            {
                points.Add(new TrendPoint(report.Period, 0, 0, null, null, 0, 0, null));
                continue;
            }

            name = row.UnitName;
            points.Add(new TrendPoint(report.Period, row.Met, row.Counted, row.Rate, row.MeetsTarget, row.Units, row.UnitsMeetingTarget, row.UnitsMeetingTargetRate));
        }

        return new IndicatorTrend(kind, unitCode, name, indicator, monthly[0].Period, monthly[^1].Period, asOf, target, points);
    }
}
