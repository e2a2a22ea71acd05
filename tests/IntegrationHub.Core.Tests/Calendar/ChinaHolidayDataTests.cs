using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Core.Tests.Calendar;

// Internal consistency of the embedded notice data. It cannot prove the dates match the notices, only that each year
// adds up the way the 全国年节及纪念日放假办法 requires.
public sealed class ChinaHolidayDataTests
{
    private static readonly IReadOnlyList<HolidayYear> Years = WorkingDayCalendar.China.Years;

    [Theory]
    [InlineData(2019)]
    [InlineData(2020)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void EmbeddedData_EveryYear2019To2026_HasHolidaysAndASource(int year)
    {
        var data = Assert.Single(Years, y => y.Year == year);

        Assert.NotEmpty(data.Holidays);
        Assert.False(string.IsNullOrWhiteSpace(data.Source));
        Assert.True(WorkingDayCalendar.China.Covers(year));
    }

    [Fact]
    public void EmbeddedData_NoDateIsBothHolidayAndWorkday()
    {
        var holidays = Years.SelectMany(y => y.Holidays).ToHashSet();
        var workdays = Years.SelectMany(y => y.Workdays).ToHashSet();

        Assert.Empty(holidays.Intersect(workdays));
    }

    [Fact]
    public void EmbeddedData_NoDateIsListedTwice()
    {
        var all = Years.SelectMany(y => y.Holidays.Concat(y.Workdays)).ToList();

        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void EmbeddedData_EveryMakeUpWorkdayIsAWeekendDay()
    {
        var weekdays = Years.SelectMany(y => y.Workdays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        Assert.Empty(weekdays);
    }

    [Fact]
    public void EmbeddedData_EveryDateBelongsToItsNoticeYearOrTheDecemberBefore()
    {
        var misplaced = Years
            .SelectMany(y => y.Holidays.Concat(y.Workdays).Select(d => (y.Year, Date: d)))
            .Where(x => x.Date.Year != x.Year && !(x.Date.Year == x.Year - 1 && x.Date.Month == 12))
            .ToList();

        Assert.Empty(misplaced);
    }

    // Weekdays off minus weekend days worked = statutory holidays that fell on weekdays or were moved to them:
    // 11 days a year until 2024, 13 from 2025 (国务院令第795号). 2020 has 2 more: the COVID-19 extension made Friday
    // 31 January a day off and cancelled the make-up Saturday 1 February (国办发明电〔2020〕1号).
    [Theory]
    [InlineData(2019, 11)]
    [InlineData(2020, 13)]
    [InlineData(2021, 11)]
    [InlineData(2022, 11)]
    [InlineData(2023, 11)]
    [InlineData(2024, 11)]
    [InlineData(2025, 13)]
    [InlineData(2026, 13)]
    public void EmbeddedData_WeekdaysOffMinusMakeUpDays_EqualsStatutoryHolidayCount(int year, int statutoryDays)
    {
        var data = Assert.Single(Years, y => y.Year == year);
        var weekdaysOff = data.Holidays.Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

        Assert.Equal(statutoryDays, weekdaysOff - data.Workdays.Count);
    }

    [Fact]
    public void FromYears_DateBothHolidayAndWorkday_IsRejected()
    {
        var day = new DateOnly(2099, 1, 3);
        var offYear = new HolidayYear(2099, "test", [day], []);
        var workYear = new HolidayYear(2100, "test", [], [day]);

        var error = Assert.Throws<ArgumentException>(() => WorkingDayCalendar.FromYears([offYear, workYear]));
        Assert.Contains("2099-01-03", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromYears_SameYearTwice_IsRejected()
    {
        var year = new HolidayYear(2099, "test", [new DateOnly(2099, 1, 1)], []);

        Assert.Throws<ArgumentException>(() => WorkingDayCalendar.FromYears([year, year]));
    }
}
