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

    /// <summary>"512 B", "3.4 MiB", "1.2 GiB"; empty when unknown.</summary>
    public static string Bytes(long? value) => value switch
    {
        null => "",
        >= 1L << 30 => $"{(value.Value / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture)} GiB",
        >= 1L << 20 => $"{(value.Value / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture)} MiB",
        >= 1L << 10 => $"{(value.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} KiB",
        _ => $"{value.Value.ToString(CultureInfo.InvariantCulture)} B",
    };
}
