using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using static IntegrationHub.Core.Tests.Indicators.HandMadeCases;

namespace IntegrationHub.Core.Tests.Indicators;

/// <summary>撤回及时率 (行政处罚法 Art. 48, 85): 3 working days from the change, the start day not counted, the due day in time.</summary>
public sealed class WithdrawalTimelinessTests
{
    private static readonly IIndicator Withdrawal = IndicatorCatalog.Find(IndicatorCodes.WithdrawalTimeliness)!;

    // Changed Thursday 2024-03-07: Friday 03-08 (1), Monday 03-11 (2), Tuesday 03-12 (3) → due Tuesday 2024-03-12.
    private static readonly DateOnly March7 = new(2024, 3, 7);

    private static EnforcementAction Revoked(DateOnly changed, DateOnly? withdrawn) => Penalty(new DateOnly(2024, 1, 15)) with
    {
        Publication = new Publication { PublishedOn = new(2024, 1, 16), ChangedOn = changed, WithdrawnOn = withdrawn, WithdrawalReason = "行政复议决定撤销" },
    };

    [Fact]
    public void Withdrawal_OnTheThirdWorkingDayAfterTheChange_IsInTime() =>
        Assert.True(Withdrawal.Assess(Revoked(March7, new(2024, 3, 12)), Later)!.Met);

    [Fact]
    public void Withdrawal_OneDayAfterTheDeadline_FailsAsLate()
    {
        var result = Withdrawal.Assess(Revoked(March7, new(2024, 3, 13)), Later)!;
        Assert.False(result.Met);
        Assert.Equal("publication.withdrawal-late", result.Rule);
        Assert.Contains("2024-03-12", result.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void NotWithdrawn_IsNotCountedWhileTheDeadlineRuns_AndFailsOnceItHasPassed()
    {
        var online = Revoked(March7, null);
        Assert.Null(Withdrawal.Assess(online, AsOf(2024, 3, 12)));
        Assert.Equal("publication.withdrawal-missing", Withdrawal.Assess(online, AsOf(2024, 3, 13))!.Rule);
    }

    [Fact]
    public void Deadline_SkipsTheNationalDayWeek()
    {
        // Changed Monday 2024-09-30; 10-01..10-07 are off: 10-08 (1), 10-09 (2), 10-10 (3) → due Thursday 2024-10-10.
        var changed = new DateOnly(2024, 9, 30);
        Assert.True(Withdrawal.Assess(Revoked(changed, new(2024, 10, 10)), Later)!.Met);
        Assert.False(Withdrawal.Assess(Revoked(changed, new(2024, 10, 11)), Later)!.Met);
    }

    [Fact]
    public void Deadline_SkipsTheSpringFestivalAndCountsTheMakeUpSunday()
    {
        // Changed Thursday 2024-02-08: Friday 02-09 (1); 02-10..02-17 are off; Sunday 02-18 is a make-up working day (2);
        // Monday 02-19 (3) → due 2024-02-19, so the Sunday withdrawal is in time and Tuesday's is late.
        var changed = new DateOnly(2024, 2, 8);
        Assert.True(Withdrawal.Assess(Revoked(changed, new(2024, 2, 18)), Later)!.Met);
        Assert.True(Withdrawal.Assess(Revoked(changed, new(2024, 2, 19)), Later)!.Met);
        Assert.False(Withdrawal.Assess(Revoked(changed, new(2024, 2, 20)), Later)!.Met);
    }

    [Fact]
    public void OnlyPublishedPenalties_ThatWereOnlineWhenChanged_AreCounted()
    {
        Assert.Null(Withdrawal.Assess(Penalty(March7), Later));
        Assert.Null(Withdrawal.Assess(Revoked(March7, null) with { Category = ActionCategory.Licensing }, Later));
        var publishedAfterTheChange = Revoked(March7, null) with { Publication = new Publication { PublishedOn = new(2024, 3, 8), ChangedOn = March7 } };
        Assert.Null(Withdrawal.Assess(publishedAfterTheChange, Later));
    }

    [Fact]
    public void Period_IsTheChangeDate_NotTheDecisionDate()
    {
        var engine = new IndicatorEngine(new IndicatorOptions());
        var cases = new[] { Case(Revoked(March7, new(2024, 3, 12)), "r1"), Case(Revoked(March7, new(2024, 3, 14)), "r2") };
        var march = engine.Report(cases, ReportingPeriod.Month(2024, 3), Later).Rows
            .Single(r => r.UnitKind == UnitKind.Agency && r.Indicator == IndicatorCodes.WithdrawalTimeliness);
        Assert.Equal((1, 2, 0.5m), (march.Met, march.Counted, march.Rate));
        Assert.DoesNotContain(engine.Report(cases, ReportingPeriod.Month(2024, 1), Later).Rows, r => r.Indicator == IndicatorCodes.WithdrawalTimeliness);
        Assert.Equal(["r2"], engine.Failures(cases, IndicatorCodes.WithdrawalTimeliness, ReportingPeriod.Quarter(2024, 1), Later).Select(f => f.RecordId));
    }
}
