using IntegrationHub.Canonical.Calendar;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using IntegrationHub.Samples;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

/// <summary>What the persisted assessment stores per case (its standing on every as-of day) agrees with the assessment itself.</summary>
public sealed class CaseStandingTests
{
    private static readonly DateOnly March4 = new(2024, 3, 4);

    // Days before, on and after the deadlines of the generated 2024 cases, and long after.
    private static readonly DateOnly[] Days =
    [
        new(2024, 1, 1), new(2024, 3, 12), new(2024, 3, 13), new(2024, 3, 14), new(2024, 7, 1), new(2024, 12, 31), new(2025, 1, 20), new(2030, 1, 1),
    ];

    [Fact]
    public void StandingOnAnyDay_IsWhatTheIndicatorAssessesOnThatDay_ForEveryIndicatorAndGeneratedCase()
    {
        var cases = Enumerable.Range(0, 3000).Select(GeneratedProvince.Case)
            .Append(Penalty(March4) with { Publication = null, Dates = Penalty(March4).Dates with { Delivered = null } })
            .ToList();

        foreach (var indicator in IndicatorCatalog.All)
        {
            foreach (var action in cases)
            {
                var standing = indicator.Standing(action, WorkingDayCalendar.China);
                foreach (var day in Days)
                {
                    var expected = indicator.Assess(action, new IndicatorContext(WorkingDayCalendar.China, day)) switch
                    {
                        null => CaseOutcome.Outside,
                        { Met: true } => CaseOutcome.Met,
                        _ => CaseOutcome.Failed,
                    };
                    Assert.True(expected == standing.On(day), $"{indicator.Definition.Code} as of {day}: assessed {expected}, standing {standing}");
                }
            }
        }
    }

    [Fact]
    public void UnpublishedPenalty_IsPendingUntilItsDueDay_ThenFailed()
    {
        var unpublished = Penalty(March4) with { Publication = null };
        var timeliness = IndicatorCatalog.Find(IndicatorCodes.PublicationTimelinessPermitPenalty)!;

        var standing = timeliness.Standing(unpublished, WorkingDayCalendar.China);

        Assert.Equal(CaseStanding.PendingUntil(new DateOnly(2024, 3, 13)), standing);
        Assert.Equal(CaseOutcome.Outside, standing.On(new DateOnly(2024, 3, 13)));
        Assert.Equal(CaseOutcome.Failed, standing.On(new DateOnly(2024, 3, 14)));
    }

    [Fact]
    public void ReportFromAgencyCounts_IsTheReportOfTheCases()
    {
        var engine = new IndicatorEngine(new IndicatorOptions());
        var cases = Enumerable.Range(0, 2000).Select(i => new IndicatorCase(GeneratedProvince.RecordId(i), GeneratedProvince.Case(i))).ToList();
        var direct = engine.Report(cases, ReportingPeriod.Year(2024), Later);

        var counts = direct.Rows.Where(r => r.UnitKind == UnitKind.Agency).GroupBy(r => r.UnitCode).Select(g => new AgencyCounts(g.Key, g.First().UnitName,
            cases.First(c => c.Action.Agency.Uscc == g.Key).Action.Agency.RegionCode,
            [.. engine.Indicators.Select(i => g.SingleOrDefault(r => r.Indicator == i.Definition.Code)?.Met ?? 0)],
            [.. engine.Indicators.Select(i => g.SingleOrDefault(r => r.Indicator == i.Definition.Code)?.Counted ?? 0)]));
        var rolled = engine.Report(counts, ReportingPeriod.Year(2024), Later.AsOf);

        Assert.Equal(direct.Rows, rolled.Rows);
        Assert.Equal(direct.Overall, rolled.Overall);
    }
}
