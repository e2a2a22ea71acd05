using System.Buffers;
using System.Globalization;
using System.Text;

namespace IntegrationHub.Connectors;

/// <summary>
/// How hostile text is told apart and shown: characters a record may not hold (control characters that break stores
/// and terminals, bidirectional overrides that make a name display as something else), and excerpts of values that
/// show every such character escaped, so a reason never carries the trick it describes.
/// </summary>
public static class SourceText
{
    /// <summary>Characters shown in a reason before it is cut.</summary>
    public const int ExcerptLength = 80;

    // C0 controls except tab, line feed and carriage return; DEL; and the C1 controls.
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    // Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): never part of Chinese enforcement text.
    private static readonly SearchValues<char> BidiControls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    // Every character the checks below look for: one vectorised scan clears almost every value.
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         .. "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFFFD"]);

    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), .. "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\uFEFF"]);

    /// <summary>Whether the text holds any character <see cref="ForbiddenCharacter"/> looks for (one vectorised scan).</summary>
    public static bool IsSuspicious(string value) => value is not null && value.AsSpan().ContainsAny(Suspicious);

    /// <summary>Why the text may not be stored as it is, or null: the first forbidden character, where, and the rule.</summary>
    public static string? ForbiddenCharacter(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.AsSpan().ContainsAny(Suspicious))
            return null;
        var control = value.AsSpan().IndexOfAny(Controls);
        if (control >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The value {Excerpt(value)} of {field} holds the control character U+{(int)value[control]:X4} at character {control + 1} (rule: text holds no control characters other than tab and line breaks).");
        }

        var replacement = value.IndexOf('\uFFFD', StringComparison.Ordinal);
        if (replacement >= 0)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"The value {Excerpt(value)} of {field} holds U+FFFD, the replacement character, at character {replacement + 1}: the source's bytes were not valid in its text encoding (rule: text is valid in its encoding; check source.encoding).");
        }

        var bidi = value.AsSpan().IndexOfAny(BidiControls);
        return bidi < 0
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"The value {Excerpt(value)} of {field} holds the bidirectional control U+{(int)value[bidi]:X4} at character {bidi + 1}, which makes text display otherwise than it reads (rule: text holds no bidirectional embeddings, overrides or isolates).");
    }

    /// <summary>The reason for a value over <see cref="SourceLimits.MaxFieldLength"/>.</summary>
    public static string TooLong(string field, long length, string start, int limit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"The value {Excerpt(start)} of {field} is {length:N0} characters long, over the limit of {limit:N0} (rule: Hub:Limits:MaxFieldLength); only its start is kept.");

    /// <summary>The start of a value kept in place of one that is too long.</summary>
    public static string Cut(string value, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"{value[..Math.Min(value.Length, ExcerptLength)]}… ({length:N0} characters)");

    /// <summary>The value quoted, cut to <see cref="ExcerptLength"/> characters, control and bidirectional characters escaped.</summary>
    public static string Excerpt(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length > ExcerptLength ? value.AsSpan(0, ExcerptLength) : value.AsSpan();
        var builder = new StringBuilder(shown.Length + 8).Append('\'');
        while (shown.Length > 0)
        {
            var next = shown.IndexOfAny(Escaped);
            if (next < 0)
            {
                builder.Append(shown);
                break;
            }

            builder.Append(shown[..next]).Append(CultureInfo.InvariantCulture, $"\\u{(int)shown[next]:X4}");
            shown = shown[(next + 1)..];
        }

        return builder.Append(value.Length > ExcerptLength ? "…'" : "'").ToString();
    }
}
