using System.Globalization;

namespace IntegrationHub.Reporting.Assessments;

/// <summary>
/// Days and months as the persisted assessment stores them: yyyyMMdd and yyyyMM integers, readable in the table and
/// ordered like the dates.
/// </summary>
public static class AssessmentDays
{
    public static int Of(DateOnly day) => day.Year * 10_000 + day.Month * 100 + day.Day;

    public static int MonthOf(DateOnly day) => day.Year * 100 + day.Month;

    public static string MonthText(int month) => string.Create(CultureInfo.InvariantCulture, $"{month / 100:0000}-{month % 100:00}");
}
