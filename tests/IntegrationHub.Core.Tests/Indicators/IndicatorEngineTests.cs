using IntegrationHub.Canonical.Identifiers;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

public sealed class IndicatorEngineTests
{
    private static readonly DateOnly March4 = new(2024, 3, 4);
    private static readonly string AgencyB = WithCheck("11440300MB1234567");

    private static string WithCheck(string first17) => first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17);

    // Agency A (440305) publishes 9 of 10 penalties in time: 90%, which reaches the 90% target. Agency B (440306)
    // publishes 8 of 10: 80%, which does not. So Shenzhen (440300) and Guangdong (440000) count 17 of 20 (85%) and 1 of
    // their 2 agencies reaches the target: 面上达标率 50%.
    private static List<IndicatorCase> TwoAgencies()
    {
        var cases = new List<IndicatorCase>();
        for (var i = 0; i < 10; i++)
        {
            var a = Penalty(March4) with { Publication = new Publication { PublishedOn = i < 9 ? March4.AddDays(1) : new(2024, 3, 14) } };
            var b = Penalty(March4, AgencyB, "440306") with { Publication = new Publication { PublishedOn = i < 8 ? March4.AddDays(1) : new(2024, 3, 14) } };
            cases.Add(Case(a, $"a{i}"));
            cases.Add(Case(b, $"b{i}"));
        }

        return cases;
    }

    private static IndicatorRow Row(IndicatorReport report, string unit, string code = IndicatorCodes.PublicationTimelinessPermitPenalty) =>
        report.Rows.Single(r => r.UnitCode == unit && r.Indicator == code);

    [Fact]
    public void Report_RollsAgenciesUpToCountyPrefectureAndProvince_WithTheShareOfUnitsReachingTheTarget()
    {
        var report = new IndicatorEngine(new IndicatorOptions()).Report(TwoAgencies(), ReportingPeriod.Quarter(2024, 1), Later);

        Assert.Equal((9, 10, 0.9m, true), (Row(report, AgencyA).Met, Row(report, AgencyA).Counted, Row(report, AgencyA).Rate, Row(report, AgencyA).MeetsTarget));
        Assert.Equal((8, 10, false), (Row(report, AgencyB).Met, Row(report, AgencyB).Counted, Row(report, AgencyB).MeetsTarget));
        Assert.Equal((UnitKind.County, 9, 10), (Row(report, "440305").UnitKind, Row(report, "440305").Met, Row(report, "440305").Counted));
        foreach (var region in new[] { "440300", "440000" })
        {
            var row = Row(report, region);
            Assert.Equal((17, 20, 0.85m, 2, 1, 0.5m), (row.Met, row.Counted, row.Rate, row.Units, row.UnitsMeetingTarget, row.UnitsMeetingTargetRate));
        }

        Assert.Equal(UnitKind.Province, Row(report, "440000").UnitKind);
    }

    [Fact]
    public void Target_IsConfigurable()
    {
        var report = new IndicatorEngine(new IndicatorOptions { Target = 0.8m }).Report(TwoAgencies(), ReportingPeriod.Year(2024), Later);
        Assert.Equal((2, 2), (Row(report, "440300").Units, Row(report, "440300").UnitsMeetingTarget));
    }

    [Fact]
    public void Report_CountsOnlyTheCasesOfThePeriod()
    {
        var report = new IndicatorEngine(new IndicatorOptions()).Report(TwoAgencies(), ReportingPeriod.Month(2024, 4), Later);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public void Overall_IsTheShareOfAUnitsIndicatorsThatReachTheTarget()
    {
        var report = new IndicatorEngine(new IndicatorOptions()).Report(TwoAgencies(), ReportingPeriod.Year(2024), Later);
        var a = report.Overall.Single(r => r.UnitCode == AgencyA);
        var applicable = report.Rows.Count(r => r.UnitCode == AgencyA);
        Assert.Equal((applicable, applicable), (a.Met, a.Counted));
        var b = report.Overall.Single(r => r.UnitCode == AgencyB);
        Assert.Equal(applicable - 1, b.Met);
    }

    [Fact]
    public void Failures_ListTheCasesBehindAFigure_WithTheReason()
    {
        var failures = new IndicatorEngine(new IndicatorOptions())
            .Failures(TwoAgencies(), IndicatorCodes.PublicationTimelinessPermitPenalty, ReportingPeriod.Year(2024), Later).ToList();
        Assert.Equal(["a9", "b8", "b9"], failures.Select(f => f.RecordId).Order());
        Assert.All(failures, f => Assert.Equal("publication.late", f.Rule));
        Assert.Contains("2024-03-13", failures[0].ReasonZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024", "2024-01-01", "2024-12-31")]
    [InlineData("2024-Q1", "2024-01-01", "2024-03-31")]
    [InlineData("2024-02", "2024-02-01", "2024-02-29")]
    public void Period_ParsesYearQuarterAndMonth(string text, string start, string end)
    {
        Assert.True(ReportingPeriod.TryParse(text, out var period));
        Assert.Equal((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), (period.Start, period.End));
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-Q5")]
    [InlineData("24")]
    public void Period_RejectsOtherText(string text) => Assert.False(ReportingPeriod.TryParse(text, out _));
}
