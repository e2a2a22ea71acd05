using System.Globalization;
using System.Text;

namespace IntegrationHub.Cli.Output;

/// <summary>How many terminal columns a text takes: Chinese characters take two, so tables of names still line up.</summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
            width += Of(rune);
        return width;
    }

    /// <summary>Cuts a text to at most <paramref name="max"/> columns, ending in … when cut.</summary>
    public static string Truncate(string text, int max)
    {
        if (Of(text) <= max)
            return text;
        var builder = new StringBuilder();
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (width + Of(rune) > max - 1)
                break;
            builder.Append(rune.ToString());
            width += Of(rune);
        }

        return builder.Append('…').ToString();
    }

    private static int Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format or UnicodeCategory.Control)
            return 0;
        return IsWide(rune.Value) ? 2 : 1;
    }

    // East Asian Wide and Fullwidth ranges (Unicode UAX #11), enough for Chinese text and fullwidth punctuation.
    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or (>= 0x3400 and <= 0x4DBF)
            or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFD);
}
