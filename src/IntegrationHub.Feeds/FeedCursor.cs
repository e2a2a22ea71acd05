using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace IntegrationHub.Feeds;

/// <summary>
/// The opaque position in the pull feed: base64url of <c>v1:{sequence}</c>. Clients compare cursors for equality only;
/// the version prefix lets the encoding change later without old cursors being misread.
/// </summary>
public static class FeedCursor
{
    private const string Prefix = "v1:";

    // Longer input cannot be a cursor we issued (a long is at most 19 digits); reject it before decoding.
    private const int MaxLength = 40;

    public static string Encode(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>False for null, empty or malformed input, and for any spelling other than the one <see cref="Encode"/> gives.</summary>
    public static bool TryDecode(string? cursor, out long sequence)
    {
        sequence = 0;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
            return false;

        string text;
        try
        {
            text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal)
            || !long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        // Padding, whitespace or leading zeros would give a second spelling of the same position.
        if (!string.Equals(Encode(parsed), cursor, StringComparison.Ordinal))
            return false;

        sequence = parsed;
        return true;
    }
}
