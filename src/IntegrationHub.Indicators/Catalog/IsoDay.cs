using System.Globalization;

namespace IntegrationHub.Indicators.Catalog;

/// <summary>The yyyy-MM-dd form of a date in failure reasons, whatever the culture.</summary>
internal static class IsoDay
{
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
