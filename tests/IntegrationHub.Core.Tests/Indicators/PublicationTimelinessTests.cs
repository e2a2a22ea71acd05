using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

public sealed class PublicationTimelinessTests
{
    private static readonly IIndicator Permit = IndicatorCatalog.Find(IndicatorCodes.PublicationTimelinessPermitPenalty)!;
    private static readonly IIndicator Other = IndicatorCatalog.Find(IndicatorCodes.PublicationTimelinessOther)!;

    // Decided Monday 2024-03-04; no holiday in March 2024: working days 5, 6, 7, 8, 11, 12, 13 → due Wednesday 2024-03-13.
    private static readonly DateOnly March4 = new(2024, 3, 4);

    private static EnforcementAction PublishedOn(DateOnly decided, DateOnly? published) =>
        Penalty(decided) with { Publication = published is null ? null : new Publication { PublishedOn = published } };

    [Fact]
    public void Penalty_PublishedExactlyOnTheSeventhWorkingDay_IsInTime() =>
        Assert.True(Permit.Assess(PublishedOn(March4, new(2024, 3, 13)), Later)!.Met);

    [Fact]
    public void Penalty_PublishedTheDayAfterTheDeadline_FailsAsLate()
    {
        var result = Permit.Assess(PublishedOn(March4, new(2024, 3, 14)), Later)!;
        Assert.False(result.Met);
        Assert.Equal("publication.late", result.Rule);
    }

    [Fact]
    public void Deadline_SkipsNationalDayAndCountsTheMakeUpSaturday()
    {
        // Decided Monday 2024-09-30. 10-01..10-07 are off; 10-08 (1), 09, 10, 11, Saturday 10-12 is a make-up working day (5),
        // 14 (6), 15 (7): due Tuesday 2024-10-15.
        var decided = new DateOnly(2024, 9, 30);
        Assert.True(Permit.Assess(PublishedOn(decided, new(2024, 10, 15)), Later)!.Met);
        Assert.False(Permit.Assess(PublishedOn(decided, new(2024, 10, 16)), Later)!.Met);
    }

    [Fact]
    public void Unpublished_IsNotCountedWhileTheDeadlineRuns_AndFailsOnceItHasPassed()
    {
        var unpublished = PublishedOn(March4, null);
        Assert.Null(Permit.Assess(unpublished, AsOf(2024, 3, 13)));
        var late = Permit.Assess(unpublished, AsOf(2024, 3, 14))!;
        Assert.Equal("publication.missing", late.Rule);
    }

    [Fact]
    public void Inspection_Uses20WorkingDays_AndIsNotAPermitOrPenalty()
    {
        // Decided 2024-03-04: 20 working days are March 5–8 (4), 11–15 (9), 18–22 (14), 25–29 (19), April 1 (20).
        var inspection = PublishedOn(March4, new(2024, 4, 1)) with { Category = ActionCategory.Inspection };
        Assert.Null(Permit.Assess(inspection, Later));
        Assert.True(Other.Assess(inspection, Later)!.Met);
        Assert.False(Other.Assess(inspection with { Publication = new Publication { PublishedOn = new(2024, 4, 2) } }, Later)!.Met);
    }

    [Fact]
    public void Rate_ThreeInTimeAndOneLate_IsThreeQuarters()
    {
        var engine = new IndicatorEngine(new IndicatorOptions());
        var cases = new[] { 13, 12, 5, 14 }.Select((day, i) => Case(PublishedOn(March4, new(2024, 3, day)), $"r{i}"));
        var row = engine.Report(cases, ReportingPeriod.Month(2024, 3), Later).Rows
            .Single(r => r.UnitKind == UnitKind.Agency && r.Indicator == IndicatorCodes.PublicationTimelinessPermitPenalty);
        Assert.Equal((3, 4, 0.75m, false), (row.Met, row.Counted, row.Rate, row.MeetsTarget));
    }
}
