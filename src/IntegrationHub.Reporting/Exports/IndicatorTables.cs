using System.Globalization;
using IntegrationHub.Indicators;

namespace IntegrationHub.Reporting.Exports;

/// <summary>The indicator report, its drill-down, trend and ranking as tables, with the same figures as the JSON responses.</summary>
public static class IndicatorTables
{
    public static ExportTable Report(IndicatorReport report) => new(
        $"indicators-{report.Period}",
        ["period", "asOf", "unitKind", "unitCode", "unitName", "indicator", "met", "counted", "rate", "meetsTarget", "units", "unitsMeetingTarget", "unitsMeetingTargetRate"],
        [.. report.Rows.Concat(report.Overall).Select(r => (IReadOnlyList<string?>)
        [
            report.Period, Day(report.AsOf), Kind(r.UnitKind), r.UnitCode, r.UnitName, r.Indicator, Int(r.Met), Int(r.Counted),
            Rate(r.Rate), Bool(r.MeetsTarget), Int(r.Units), Int(r.UnitsMeetingTarget), Rate(r.UnitsMeetingTargetRate),
        ])])
    {
        NumericColumns = new HashSet<string> { "met", "counted", "rate", "units", "unitsMeetingTarget", "unitsMeetingTargetRate" },
    };

    public static ExportTable Failures(string indicator, string period, IReadOnlyList<CaseFailure> failures) => new(
        $"indicator-{indicator}-{period}-cases",
        ["indicator", "recordId", "agencyName", "agencyUscc", "regionCode", "decisionNumber", "decided", "rule", "reasonZh", "reasonEn"],
        [.. failures.Select(f => (IReadOnlyList<string?>)
        [
            f.Indicator, f.RecordId, f.AgencyName, f.AgencyUscc, f.RegionCode, f.DecisionNumber,
            f.Decided is { } d ? Day(d) : null, f.Rule, f.ReasonZh, f.ReasonEn,
        ])]);

    public static ExportTable Trend(IndicatorTrend trend) => new(
        $"indicator-trend-{trend.UnitCode}-{trend.Indicator}-{trend.From}-{trend.To}",
        ["month", "asOf", "unitKind", "unitCode", "unitName", "indicator", "met", "counted", "rate", "meetsTarget", "units", "unitsMeetingTarget", "unitsMeetingTargetRate"],
        [.. trend.Months.Select(m => (IReadOnlyList<string?>)
        [
            m.Month, Day(trend.AsOf), Kind(trend.UnitKind), trend.UnitCode, trend.UnitName, trend.Indicator, Int(m.Met), Int(m.Counted),
            Rate(m.Rate), Bool(m.MeetsTarget), Int(m.Units), Int(m.UnitsMeetingTarget), Rate(m.UnitsMeetingTargetRate),
        ])])
    {
        NumericColumns = new HashSet<string> { "met", "counted", "rate", "units", "unitsMeetingTarget", "unitsMeetingTargetRate" },
    };

    public static ExportTable Ranking(IndicatorRanking ranking) => new(
        $"indicator-ranking-{ranking.Indicator}-{ranking.Period}",
        ["rank", "period", "asOf", "indicator", "target", "unitCode", "unitName", "met", "counted", "rate", "meetsTarget", "gap", "casesShort"],
        [.. ranking.Agencies.Select(a => (IReadOnlyList<string?>)
        [
            Int(a.Rank), ranking.Period, Day(ranking.AsOf), ranking.Indicator, Rate(ranking.Target), a.UnitCode, a.UnitName, Int(a.Met), Int(a.Counted),
            Rate(a.Rate), Bool(a.MeetsTarget), Rate(a.Gap), Int(a.CasesShort),
        ])])
    {
        NumericColumns = new HashSet<string> { "rank", "target", "met", "counted", "rate", "gap", "casesShort" },
    };

    private static string Kind(UnitKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Rate(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };
}
