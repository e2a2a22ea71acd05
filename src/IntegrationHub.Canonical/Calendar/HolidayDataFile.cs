using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Canonical.Calendar;

/// <summary>
/// Reads china-holidays.json, embedded in this assembly: <c>{ "years": { "2024": { "source", "holidays", "workdays" } } }</c>.
/// </summary>
internal static class HolidayDataFile
{
    public const string ResourceName = "china-holidays.json";

    public static IReadOnlyList<HolidayYear> LoadEmbedded()
    {
        using var stream = typeof(HolidayDataFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The embedded resource {ResourceName} is missing from {typeof(HolidayDataFile).Assembly.GetName().Name}.");
        return Parse(stream);
    }

    public static IReadOnlyList<HolidayYear> Parse(Stream stream)
    {
        using var document = JsonDocument.Parse(stream);
        if (!document.RootElement.TryGetProperty("years", out var years) || years.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{ResourceName}: the top-level \"years\" object is missing.");
        }

        var result = new List<HolidayYear>();
        foreach (var entry in years.EnumerateObject())
        {
            if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                throw new InvalidDataException($"{ResourceName}: \"{entry.Name}\" under \"years\" is not a year.");
            }

            var source = entry.Value.TryGetProperty("source", out var sourceElement) ? sourceElement.GetString() : null;
            if (string.IsNullOrWhiteSpace(source))
            {
                throw new InvalidDataException($"{ResourceName}: year {year} has no \"source\" (the notice's document number).");
            }

            result.Add(new HolidayYear(year, source, ReadDates(entry.Value, year, "holidays"), ReadDates(entry.Value, year, "workdays")));
        }

        return result;
    }

    private static IReadOnlyList<DateOnly> ReadDates(JsonElement yearElement, int year, string property)
    {
        if (!yearElement.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{ResourceName}: year {year} has no \"{property}\" array.");
        }

        var dates = new List<DateOnly>();
        foreach (var item in array.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText();
            if (!IsoDate.TryParse(text, out var date))
            {
                throw new InvalidDataException(
                    $"{ResourceName}: year {year}, \"{property}\": \"{text}\" is not a date in {IsoDate.Pattern} form.");
            }

            dates.Add(date);
        }

        return dates.AsReadOnly();
    }
}
