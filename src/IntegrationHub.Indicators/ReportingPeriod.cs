using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Indicators;

/// <summary>A month (<c>2024-05</c>), a quarter (<c>2024-Q2</c>) or a year (<c>2024</c>), inclusive of both ends.</summary>
public sealed partial record ReportingPeriod(string Code, DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public static ReportingPeriod Year(int year) => new(year.ToString(CultureInfo.InvariantCulture), new(year, 1, 1), new(year, 12, 31));

    public static ReportingPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var start = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
        return new(string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}"), start, start.AddMonths(3).AddDays(-1));
    }

    public static ReportingPeriod Month(int year, int month)
    {
        var start = new DateOnly(year, month, 1);
        return new(string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}"), start, start.AddMonths(1).AddDays(-1));
    }

    /// <summary>Reads <c>2024</c>, <c>2024-Q2</c> or <c>2024-05</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = Year(1);
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
            return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 1990 || year > 2100)
            return false;
        if (match.Groups["quarter"].Success)
            period = Quarter(year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
        else if (match.Groups["month"].Success)
            period = Month(year, int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture));
        else
            period = Year(year);
        return true;
    }

    [GeneratedRegex(@"^(?<year>\d{4})(?:-[Qq](?<quarter>[1-4])|-(?<month>0[1-9]|1[0-2]))?$")]
    private static partial Regex Pattern();
}
