using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

public sealed class AssessedCasesTests
{
    private static readonly DateOnly March4 = new(2024, 3, 4);
    private static readonly IndicatorEngine Engine = new(new IndicatorOptions());

    // Agency A in 440305: penalties decided on 4 March 2024, the ones with an odd number published 10 days late.
    private static List<IndicatorCase> Cases(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => Case(
            Penalty(March4.AddDays(i % 60), region: i % 3 == 0 ? "440306" : "440305")
                with { Publication = new Publication { PublishedOn = March4.AddDays(i % 60 + (i % 2 == 0 ? 1 : 20)) } },
            $"r{i:D5}")),
    ];

    [Fact]
    public void ReportOfAssessedCases_WithASelection_EqualsTheReportOfTheSelectedCases()
    {
        var cases = Cases(40_000);
        var assessed = Engine.Assess(cases, Later);

        foreach (var period in new[] { ReportingPeriod.Year(2024), ReportingPeriod.Month(2024, 4) })
        {
            var expected = Engine.Report(cases.Where(c => c.Action.Agency.RegionCode == "440306"), period, Later);
            var actual = Engine.Report(assessed, period, c => c.Action.Agency.RegionCode == "440306");
            Assert.Equal(expected.Rows, actual.Rows);
            Assert.Equal(expected.Overall, actual.Overall);
        }
    }

    [Fact]
    public void FailuresOfAssessedCases_AreTheFailuresOfTheCases_InCaseOrder()
    {
        var cases = Cases(500);
        var expected = Engine.Failures(cases, IndicatorCodes.PublicationTimelinessPermitPenalty, ReportingPeriod.Year(2024), Later).ToList();

        var actual = Engine.Failures(Engine.Assess(cases, Later), IndicatorCodes.PublicationTimelinessPermitPenalty, ReportingPeriod.Year(2024)).ToList();

        Assert.Equal(250, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AssessingAgain_WithThePreviousAssessment_AssessesTheReplacedCasesAfresh()
    {
        var cases = Cases(100);
        var previous = Engine.Assess(cases, Later);
        var late = cases.FindIndex(c => c.Id == "r00001");
        var changed = new List<IndicatorCase>(cases) { [late] = Case(Penalty(March4) with { Publication = new Publication { PublishedOn = March4 } }, "r00001") };
        changed.RemoveAt(0);

        var report = Engine.Report(Engine.Assess(changed, Later, previous), ReportingPeriod.Year(2024));

        var row = report.Rows.Single(r => r.UnitCode == AgencyA && r.Indicator == IndicatorCodes.PublicationTimelinessPermitPenalty);
        Assert.Equal((50, 99), (row.Met, row.Counted));
    }

    [Fact]
    public void ReportOfNoCases_HasNoRows()
    {
        var report = Engine.Report([], ReportingPeriod.Year(2024), Later);

        Assert.Equal((0, 0), (report.Rows.Count, report.Overall.Count));
    }
}
