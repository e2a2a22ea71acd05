using System.ComponentModel.DataAnnotations;
using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Core.Tests.Calendar;

public sealed class CalendarOverridesOptionsTests
{
    [Fact]
    public void Defaults_AreEmptyAndValid()
    {
        var options = new CalendarOverridesOptions();

        Assert.Empty(options.Holidays);
        Assert.Empty(options.Workdays);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ApplyTo_ValidDates_OverrideTheCalendar()
    {
        var options = new CalendarOverridesOptions { Holidays = ["2024-03-11"], Workdays = ["2024-03-09"] };

        var calendar = options.ApplyTo(WorkingDayCalendar.China);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2024, 3, 11)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2024, 3, 9)));
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("2024/10/01")]
    [InlineData("2024-10-1")]
    [InlineData("")]
    public void Validate_DateNotInIsoForm_NamesTheSettingAndValue(string value)
    {
        var options = new CalendarOverridesOptions { Holidays = ["2024-10-01", value] };

        var error = Assert.Single(options.Validate());

        Assert.Contains("Hub:Calendar:Holidays:1", error, StringComparison.Ordinal);
        Assert.Contains($"\"{value}\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DateInBothLists_IsAnError()
    {
        var options = new CalendarOverridesOptions { Holidays = ["2024-03-09"], Workdays = ["2024-03-09"] };

        var error = Assert.Single(options.Validate());

        Assert.Contains("2024-03-09", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_InvalidOptions_ThrowsWithEveryProblem()
    {
        var options = new CalendarOverridesOptions { Holidays = ["tomorrow"], Workdays = ["2024-02-30"] };

        var error = Assert.Throws<InvalidOperationException>(() => options.ApplyTo(WorkingDayCalendar.China));

        Assert.Contains("Hub:Calendar:Holidays:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hub:Calendar:Workdays:0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataAnnotationsValidation_ReportsTheSameProblems()
    {
        var options = new CalendarOverridesOptions { Workdays = ["2024-02-30"] };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains("Hub:Calendar:Workdays:0", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }
}
