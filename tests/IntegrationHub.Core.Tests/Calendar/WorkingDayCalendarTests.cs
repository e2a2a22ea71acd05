using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Core.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar China = WorkingDayCalendar.China;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-02-04")] // Sunday before the Spring Festival
    [InlineData("2024-02-09")] // 除夕, a Friday: the notice only encourages giving it off
    [InlineData("2024-02-18")] // Sunday after the Spring Festival
    public void IsWorkingDay_SpringFestival2024MakeUpDays_AreWorkingDays(string date) =>
        Assert.True(China.IsWorkingDay(D(date)));

    [Fact]
    public void IsWorkingDay_SpringFestival2024_TenthToSeventeenthFebruaryAreOff()
    {
        var week = Enumerable.Range(10, 8).Select(day => new DateOnly(2024, 2, day));

        Assert.All(week, date => Assert.False(China.IsWorkingDay(date), $"{date} should be off"));
    }

    [Fact]
    public void IsWorkingDay_MidAutumnAndNationalDay2023_EightDaysOffThenAWorkingWeekend()
    {
        var holiday = Enumerable.Range(0, 8).Select(offset => new DateOnly(2023, 9, 29).AddDays(offset));

        Assert.All(holiday, date => Assert.False(China.IsWorkingDay(date), $"{date} should be off"));
        Assert.Equal(DayOfWeek.Saturday, new DateOnly(2023, 10, 7).DayOfWeek);
        Assert.True(China.IsWorkingDay(new DateOnly(2023, 10, 7)));
        Assert.True(China.IsWorkingDay(new DateOnly(2023, 10, 8)));
    }

    [Fact]
    public void IsWorkingDay_NationalDay2019_SundayBeforeAndSaturdayAfterAreWorkingDays()
    {
        Assert.True(China.IsWorkingDay(new DateOnly(2019, 9, 29)));
        Assert.True(China.IsWorkingDay(new DateOnly(2019, 10, 12)));
        Assert.All(
            Enumerable.Range(1, 7).Select(day => new DateOnly(2019, 10, day)),
            date => Assert.False(China.IsWorkingDay(date), $"{date} should be off"));
    }

    [Fact]
    public void IsWorkingDay_SpringFestival2020ExtendedForCovid_RunsToSecondFebruaryAndCancelsTheMakeUpSaturday()
    {
        Assert.True(China.IsWorkingDay(new DateOnly(2020, 1, 19)));
        Assert.False(China.IsWorkingDay(new DateOnly(2020, 1, 31)));
        Assert.False(China.IsWorkingDay(new DateOnly(2020, 2, 1)));
        Assert.False(China.IsWorkingDay(new DateOnly(2020, 2, 2)));
        Assert.True(China.IsWorkingDay(new DateOnly(2020, 2, 3)));
    }

    [Fact]
    public void IsWorkingDay_SpringFestival2025_StartsOnNewYearsEveUnderTheNewRules()
    {
        Assert.True(China.IsWorkingDay(new DateOnly(2025, 1, 26)));
        Assert.False(China.IsWorkingDay(new DateOnly(2025, 1, 28)));
        Assert.False(China.IsWorkingDay(new DateOnly(2025, 2, 4)));
        Assert.True(China.IsWorkingDay(new DateOnly(2025, 2, 5)));
        Assert.True(China.IsWorkingDay(new DateOnly(2025, 2, 8)));
    }

    [Fact]
    public void IsWorkingDay_SpringFestival2026_NineDaysOffBetweenTwoWorkingSaturdays()
    {
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 14)));
        Assert.All(
            Enumerable.Range(15, 9).Select(day => new DateOnly(2026, 2, day)),
            date => Assert.False(China.IsWorkingDay(date), $"{date} should be off"));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 24)));
        Assert.True(China.IsWorkingDay(new DateOnly(2026, 2, 28)));
    }

    [Fact]
    public void IsWorkingDay_NewYear2023_StartsOnTheLastDayOf2022()
    {
        Assert.False(China.IsWorkingDay(new DateOnly(2022, 12, 31)));
        Assert.False(China.IsWorkingDay(new DateOnly(2023, 1, 2)));
        Assert.True(China.IsWorkingDay(new DateOnly(2023, 1, 3)));
    }

    [Fact]
    public void IsWorkingDay_OrdinaryWeek_WeekendIsOffAndWeekdaysWork()
    {
        Assert.False(China.IsWorkingDay(new DateOnly(2024, 3, 9)));
        Assert.False(China.IsWorkingDay(new DateOnly(2024, 3, 10)));
        Assert.All(
            Enumerable.Range(11, 5).Select(day => new DateOnly(2024, 3, day)),
            date => Assert.True(China.IsWorkingDay(date), $"{date} should be a working day"));
    }

    [Fact]
    public void Covers_YearsWithANotice_AreCoveredAndOthersAreNot()
    {
        Assert.All(Enumerable.Range(2019, 8), year => Assert.True(China.Covers(year)));
        Assert.False(China.Covers(2018));
        Assert.False(China.Covers(2030));
    }

    [Fact]
    public void IsWorkingDay_YearOutsideTheData_CountsEveryWeekdayAsWorkingAndSaysSoThroughCovers()
    {
        var newYearsDay2030 = new DateOnly(2030, 1, 1);

        Assert.False(China.Covers(2030));
        Assert.Equal(DayOfWeek.Tuesday, newYearsDay2030.DayOfWeek);
        Assert.True(China.IsWorkingDay(newYearsDay2030));
        Assert.False(China.IsWorkingDay(new DateOnly(2030, 1, 5)));
        Assert.Equal(new DateOnly(2030, 1, 7), China.AddWorkingDays(new DateOnly(2029, 12, 31), 5));
    }

    [Fact]
    public void Covers_SpanReachingAnUncoveredYear_IsNotCovered()
    {
        Assert.True(China.Covers(new DateOnly(2019, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.False(China.Covers(new DateOnly(2026, 12, 28), new DateOnly(2027, 1, 6)));
        Assert.False(China.Covers(new DateOnly(2027, 1, 6), new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void WithOverrides_OverrideWinsOverTheNoticeData()
    {
        var calendar = China.WithOverrides([new DateOnly(2024, 3, 11)], [new DateOnly(2024, 10, 2)]);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 3, 11)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2024, 10, 2)));
    }

    [Fact]
    public void WithOverrides_LaterOverrideWinsOverEarlierOne()
    {
        var day = new DateOnly(2024, 3, 9);

        var working = China.WithOverrides([], [day]);
        var offAgain = working.WithOverrides([day], []);

        Assert.True(working.IsWorkingDay(day));
        Assert.False(offAgain.IsWorkingDay(day));
    }

    [Fact]
    public void WithOverrides_LeavesTheOriginalCalendarUnchanged()
    {
        _ = China.WithOverrides([new DateOnly(2024, 3, 11)], []);

        Assert.True(China.IsWorkingDay(new DateOnly(2024, 3, 11)));
    }

    [Fact]
    public void WithOverrides_OverridesDoNotMakeAYearCovered()
    {
        var calendar = China.WithOverrides([new DateOnly(2027, 1, 1)], []);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.False(calendar.Covers(2027));
    }

    [Fact]
    public void WithOverrides_SameDateInBothLists_IsRejected()
    {
        var day = new DateOnly(2024, 3, 9);

        var error = Assert.Throws<ArgumentException>(() => China.WithOverrides([day], [day]));
        Assert.Contains("2024-03-09", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithYear_AddsANoticeYearThatThenCountsAsCovered()
    {
        var year = new HolidayYear(2099, "test notice", [new DateOnly(2099, 1, 1), new DateOnly(2099, 1, 2)], [new DateOnly(2099, 1, 3)]);

        var calendar = China.WithYear(year);

        Assert.True(calendar.Covers(2099));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2099, 1, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2099, 1, 3)));
        Assert.False(China.Covers(2099));
    }

    [Fact]
    public void WithYear_OverridesStillWin()
    {
        var day = new DateOnly(2099, 1, 1);
        var calendar = China.WithOverrides([], [day]).WithYear(new HolidayYear(2099, "test notice", [day], []));

        Assert.True(calendar.IsWorkingDay(day));
    }

    [Theory]
    [InlineData("2024-03-11", "2024-03-12")] // Monday: Tuesday is the first day
    [InlineData("2024-03-08", "2024-03-11")] // Friday: the weekend is skipped
    [InlineData("2024-03-09", "2024-03-11")] // Saturday: the start day is not counted even when it is off
    [InlineData("2024-10-01", "2024-10-08")] // decided on National Day: first working day after the holiday
    [InlineData("2024-09-28", "2024-09-29")] // Saturday before a make-up Sunday
    public void AddWorkingDays_OneDay_IsTheNextWorkingDayAfterTheStart(string start, string expected) =>
        Assert.Equal(D(expected), China.AddWorkingDays(D(start), 1));

    [Fact]
    public void AddWorkingDays_Zero_ReturnsTheStart() =>
        Assert.Equal(new DateOnly(2024, 10, 1), China.AddWorkingDays(new DateOnly(2024, 10, 1), 0));

    [Fact]
    public void AddWorkingDays_NegativeDays_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddWorkingDays(new DateOnly(2024, 10, 1), -1));

    [Fact]
    public void WorkingDaysBetween_SameDay_IsZero() =>
        Assert.Equal(0, China.WorkingDaysBetween(new DateOnly(2024, 3, 11), new DateOnly(2024, 3, 11)));

    [Fact]
    public void WorkingDaysBetween_NationalDayWeek2024_CountsOnlyTheMakeUpDaysAndWeekdaysOutsideIt()
    {
        // After Friday 27 September up to Saturday 12 October: Sun 29 Sep, Mon 30 Sep, Tue 8 to Fri 11 Oct, Sat 12 Oct.
        Assert.Equal(7, China.WorkingDaysBetween(new DateOnly(2024, 9, 27), new DateOnly(2024, 10, 12)));
    }

    [Fact]
    public void WorkingDaysBetween_EndBeforeStart_IsNegative() =>
        Assert.Equal(-7, China.WorkingDaysBetween(new DateOnly(2024, 10, 12), new DateOnly(2024, 9, 27)));

    [Fact]
    public void WorkingDaysBetween_AfterAddWorkingDays_GivesBackTheDayCount()
    {
        var random = new Random(85);
        var first = new DateOnly(2018, 12, 1);
        var span = new DateOnly(2027, 3, 31).DayNumber - first.DayNumber;
        var failures = new List<string>();

        for (var i = 0; i < 300; i++)
        {
            var start = first.AddDays(random.Next(span));
            for (var days = 1; days <= 30; days++)
            {
                var due = China.AddWorkingDays(start, days);
                var counted = China.WorkingDaysBetween(start, due);
                if (counted != days || !China.IsWorkingDay(due) || China.WorkingDaysBetween(start, due.AddDays(-1)) != days - 1)
                {
                    failures.Add($"{start} + {days} = {due}, counted back {counted}");
                }
            }
        }

        Assert.Empty(failures);
    }
}
