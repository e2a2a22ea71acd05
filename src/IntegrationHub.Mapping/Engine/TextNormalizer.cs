using System.Text;
using System.Text.RegularExpressions;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Mapping.Engine;

/// <summary>The text normalizations of the mapping language (trim, full-width → half-width, document numbers …).</summary>
public static partial class TextNormalizer
{
    public static string Apply(string value, TextOperation operation) => operation switch
    {
        TextOperation.Trim => value.Trim(),
        TextOperation.HalfWidth => ToHalfWidth(value),
        TextOperation.Upper => value.ToUpperInvariant(),
        TextOperation.Lower => value.ToLowerInvariant(),
        TextOperation.CollapseSpaces => Spaces().Replace(value, " ").Trim(),
        TextOperation.DocumentNumber => NormalizeDocumentNumber(value),
        TextOperation.NullIfEmpty => value,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    /// <summary>Full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space become their half-width forms.</summary>
    public static string ToHalfWidth(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\u3000' => ' ',
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// Writes the year of a document number in 〔〕 whatever brackets the source used (〔2023〕, [2023], ［2023］, (2023),
    /// （2023）, 【2023】, 〈2023〉) and removes white space, so "X市监罚 [2023] 12 号" and "X市监罚〔2023〕12号" compare equal.
    /// </summary>
    public static string NormalizeDocumentNumber(string value)
    {
        var compact = WhiteSpace().Replace(value, "");
        return YearInBrackets().Replace(compact, "〔${year}〕");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[\s\u3000]+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"[\[［(（【〔〈<《](?<year>(19|20)\d{2})[\]］)）】〕〉>》]")]
    private static partial Regex YearInBrackets();
}
