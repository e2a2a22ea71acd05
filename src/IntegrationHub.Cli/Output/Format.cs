using System.Globalization;

namespace IntegrationHub.Cli.Output;

/// <summary>Numbers, times and durations as the tables show them.</summary>
internal static class Format
{
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 record", "2,000 records".</summary>
    public static string Records(long value) => value == 1 ? "1 record" : $"{Count(value)} records";

    public static string Time(DateTimeOffset? value) => value is { } time
        ? TimeZoneInfo.ConvertTime(time, TimeProvider.System.LocalTimeZone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : "";

    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => $"{duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms",
        < 60 => $"{duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
        _ => duration.ToString(duration.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture),
    };

    public static string YesNo(bool value) => value ? "yes" : "no";
}
