using System.Globalization;

namespace IntegrationHub.Canonical.Calendar;

/// <summary>The one textual date form of the calendar data and its settings: yyyy-MM-dd, Gregorian whatever the culture.</summary>
internal static class IsoDate
{
    public const string Pattern = "yyyy-MM-dd";

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string ToText(DateOnly date) => date.ToString(Pattern, CultureInfo.InvariantCulture);
}
