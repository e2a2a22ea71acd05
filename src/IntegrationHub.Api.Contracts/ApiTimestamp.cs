using System.Globalization;

namespace IntegrationHub.Api.Contracts;

/// <summary>
/// How the API reads a time it is given (<c>since</c>, <c>until</c>, …): an RFC 3339 timestamp with an offset (or
/// <c>Z</c>), or a date alone, meaning 00:00 China Standard Time (UTC+8) of that day. The hub and the command-line tool
/// parse with this one rule, so a time the tool accepts is one the hub accepts.
/// </summary>
public static class ApiTimestamp
{
    /// <summary>What an invalid value is told (after the parameter's name).</summary>
    public const string Rule =
        "must be an RFC 3339 timestamp with an offset, such as 2024-05-01T08:00:00+08:00 or 2024-05-01T00:00:00Z, or a date such as 2024-05-01 (00:00 UTC+8).";

    /// <summary>The offset a date alone is read in: China Standard Time.</summary>
    public static readonly TimeSpan DateOffset = TimeSpan.FromHours(8);

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    /// <summary>Reads <paramref name="text"/>; false when it is neither form. A space stands for a '+' lost in a query string.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
            return false;

        var normalized = text.Replace(' ', '+');
        if (DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
            return true;
        if (!DateOnly.TryParseExact(normalized, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return false;
        value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), DateOffset);
        return true;
    }
}
