using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Core.Tests.Calendar;

public sealed class PublicationDeadlineTests
{
    private static readonly WorkingDayCalendar China = WorkingDayCalendar.China;

    [Fact]
    public void ForPermitOrPenalty_DecisionOnFridayBeforeNationalDay2024_CountsSevenWorkingDaysAcrossTheHoliday()
    {
        var decided = new DateOnly(2024, 9, 27);
        Assert.Equal(DayOfWeek.Friday, decided.DayOfWeek);

        // Art. 85 worked out from the 2024 notice (国办发明电〔2023〕7号) alone: 1–7 October off, Sunday 29 September and
        // Saturday 12 October worked; otherwise Monday to Friday. The decision day itself is not counted.
        var holiday = Enumerable.Range(1, 7).Select(day => new DateOnly(2024, 10, day)).ToHashSet();
        var makeUp = new HashSet<DateOnly> { new(2024, 9, 29), new(2024, 10, 12) };
        var expected = decided;
        for (var counted = 0; counted < 7;)
        {
            expected = expected.AddDays(1);
            var weekday = expected.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            if (makeUp.Contains(expected) || (weekday && !holiday.Contains(expected)))
            {
                counted++;
            }
        }

        var deadline = PublicationDeadline.ForPermitOrPenalty(decided, China);

        Assert.Equal(expected, deadline.Due);
        Assert.Equal(new DateOnly(2024, 10, 12), deadline.Due); // the make-up Saturday is the 7th working day
        Assert.Equal(7, deadline.WorkingDays);
        Assert.False(deadline.IsEstimate);
    }

    [Fact]
    public void ForPermitOrPenalty_IgnoringTheHolidayNotice_WouldGiveAWrongDate()
    {
        var plainWeekdays = WorkingDayCalendar.FromYears([]);

        var naive = PublicationDeadline.ForPermitOrPenalty(new DateOnly(2024, 9, 27), plainWeekdays);

        Assert.Equal(new DateOnly(2024, 10, 8), naive.Due);
        Assert.True(naive.IsEstimate);
    }

    [Fact]
    public void ForWithdrawal_ThreeWorkingDays_SkipsNationalDay()
    {
        // Sun 29 Sep (make-up), Mon 30 Sep, then Tue 8 Oct.
        var deadline = PublicationDeadline.ForWithdrawal(new DateOnly(2024, 9, 27), China);

        Assert.Equal(new DateOnly(2024, 10, 8), deadline.Due);
        Assert.Equal(PublicationDeadline.WithdrawalWorkingDays, deadline.WorkingDays);
    }

    [Fact]
    public void ForOtherDecision_TwentyWorkingDays_IsConsistentWithTheCalendarCount()
    {
        var decided = new DateOnly(2024, 9, 27);

        var deadline = PublicationDeadline.ForOtherDecision(decided, China);

        Assert.Equal(new DateOnly(2024, 10, 30), deadline.Due);
        Assert.Equal(20, China.WorkingDaysBetween(decided, deadline.Due));
    }

    [Fact]
    public void ForService_SevenWorkingDays_SameAsPublication()
    {
        var decided = new DateOnly(2025, 1, 24);

        Assert.Equal(
            PublicationDeadline.ForPermitOrPenalty(decided, China).Due,
            PublicationDeadline.ForService(decided, China).Due);
    }

    [Fact]
    public void ForPermitOrPenalty_SpringFestival2025_SkipsTheEightDaysOffAndCountsTheMakeUpSunday()
    {
        // Fri 24 Jan decided: Sun 26 Jan (make-up) 1, Mon 27 Jan 2, 28 Jan–4 Feb off, Wed 5 to Fri 7 Feb 3–5,
        // Sat 8 Feb (make-up) 6, Mon 10 Feb 7.
        var deadline = PublicationDeadline.ForPermitOrPenalty(new DateOnly(2025, 1, 24), China);

        Assert.Equal(new DateOnly(2025, 2, 10), deadline.Due);
    }

    [Fact]
    public void For_DeadlineReachingAYearWithoutNotice_IsFlaggedAsAnEstimate()
    {
        var decided = new DateOnly(2026, 12, 28);

        var deadline = PublicationDeadline.For(decided, 7, China);

        Assert.True(deadline.IsEstimate);
        Assert.Equal(2027, deadline.Due.Year);
        Assert.Equal(7, China.WorkingDaysBetween(decided, deadline.Due));
    }

    [Fact]
    public void IsOverdue_UsesChinaTimeNotUtc()
    {
        var due = new DateOnly(2024, 10, 12);

        // 15:59:59 UTC is 23:59:59 in China: still the due day.
        Assert.False(PublicationDeadline.IsOverdue(due, new FixedClock(new DateTimeOffset(2024, 10, 12, 15, 59, 59, TimeSpan.Zero))));

        // 16:00 UTC on the 12th is already the 13th in China, though UTC is still on the 12th.
        Assert.True(PublicationDeadline.IsOverdue(due, new FixedClock(new DateTimeOffset(2024, 10, 12, 16, 0, 0, TimeSpan.Zero))));
    }

    [Fact]
    public void Deadline_IsOverdueAndIsMetBy_AgreeWithTheDueDate()
    {
        var deadline = PublicationDeadline.ForPermitOrPenalty(new DateOnly(2024, 9, 27), China);
        var dueDayInChina = new FixedClock(new DateTimeOffset(2024, 10, 12, 9, 0, 0, ChinaTime.Offset));
        var nextDayInChina = new FixedClock(new DateTimeOffset(2024, 10, 13, 9, 0, 0, ChinaTime.Offset));

        Assert.False(deadline.IsOverdue(dueDayInChina));
        Assert.True(deadline.IsOverdue(nextDayInChina));
        Assert.True(deadline.IsMetBy(new DateOnly(2024, 10, 12)));
        Assert.False(deadline.IsMetBy(new DateOnly(2024, 10, 14)));
    }

    [Fact]
    public void ChinaTime_Today_IsTheDateAtUtcPlusEight() =>
        Assert.Equal(
            new DateOnly(2025, 1, 1),
            ChinaTime.Today(new FixedClock(new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero))));
}
