using System.Globalization;
using System.Net.Http.Headers;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>The <c>Retry-After</c> header of a receiver's answer (RFC 9110 §10.2.3): delay seconds or an HTTP date.</summary>
public static class RetryAfter
{
    /// <summary>How long the receiver asked the hub to wait, measured from <paramref name="now"/>; null when it did not ask.</summary>
    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header is null)
            return null;
        if (header.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
            return date <= now ? TimeSpan.Zero : date - now;
        return null;
    }

    /// <summary>Parses the raw header text; null when it is absent or neither seconds nor an HTTP date.</summary>
    public static TimeSpan? Parse(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
        return RetryConditionHeaderValue.TryParse(text, out var parsed) ? From(parsed, now) : null;
    }
}
