using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Calendar;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// How a source writes its update times, both in a record field and in the "updated since" parameter: <c>iso8601</c>,
/// <c>epochSeconds</c>, <c>epochMillis</c> or a .NET date format such as <c>yyyy-MM-dd HH:mm:ss</c>. Times written
/// without an offset are in <see cref="Offset"/> (departmental systems usually keep Beijing time, +08:00).
/// </summary>
public sealed record UpdateTimeFormat(string Format, TimeSpan Offset)
{
    public const string Iso8601 = "iso8601";
    public const string EpochSeconds = "epochSeconds";
    public const string EpochMillis = "epochMillis";

    public static UpdateTimeFormat Default { get; } = new(Iso8601, ChinaTime.Offset);

    /// <summary>The time a field value stands for, or null when it is missing or not a time in this format.</summary>
    public DateTimeOffset? Read(JsonNode? value)
    {
        if (value is not JsonValue scalar)
            return null;
        if (scalar.GetValueKind() == JsonValueKind.Number)
            return scalar.TryGetValue<long>(out var number) ? FromEpoch(number) : null;
        if (!scalar.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        return Format switch
        {
            EpochSeconds or EpochMillis => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? FromEpoch(n) : null,
            Iso8601 => ReadText(text, exactFormat: null),
            _ => ReadText(text, Format) ?? ReadText(text, exactFormat: null),
        };
    }

    /// <summary>The parameter value for a time, in this format and offset.</summary>
    public string Write(DateTimeOffset time) => Format switch
    {
        EpochSeconds => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        EpochMillis => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        Iso8601 => time.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => time.ToOffset(Offset).ToString(Format, CultureInfo.InvariantCulture),
    };

    /// <summary>Whether a format is one of the named ones or a .NET date format that writes something.</summary>
    public static bool IsValid(string format)
    {
        if (format is Iso8601 or EpochSeconds or EpochMillis)
            return true;
        try
        {
            return DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture).Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private DateTimeOffset? FromEpoch(long number) => Format switch
    {
        EpochSeconds => DateTimeOffset.FromUnixTimeSeconds(number),
        EpochMillis => DateTimeOffset.FromUnixTimeMilliseconds(number),
        // A number in a text format: epoch milliseconds if it is large enough to be one, else seconds.
        _ => number > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(number) : DateTimeOffset.FromUnixTimeSeconds(number),
    };

    private DateTimeOffset? ReadText(string text, string? exactFormat)
    {
        var parsed = exactFormat is null
            ? DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            : DateTime.TryParseExact(text, exactFormat, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out time);
        if (!parsed)
            return null;
        if (time.Kind == DateTimeKind.Unspecified)
            return new DateTimeOffset(time, Offset);
        // The text carried its own offset (or Z): keep it rather than the machine's time zone.
        var withOffset = exactFormat is null
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            : DateTimeOffset.TryParseExact(text, exactFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
        return withOffset ? value : null;
    }
}
