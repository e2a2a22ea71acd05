using System.Text.RegularExpressions;

namespace IntegrationHub.Mapping.Engine;

/// <summary>Fills <c>{field}</c> placeholders of a template.</summary>
internal static partial class TemplatePlaceholder
{
    /// <summary>
    /// The template with each placeholder replaced by its field's text (empty when missing); null when the template has
    /// placeholders and every one of them is missing, so that a record without those fields gets the rule's default.
    /// </summary>
    public static string? Fill(string template, Func<string, string?> valueOf)
    {
        var placeholders = 0;
        var filled = 0;
        var text = Placeholder().Replace(template, match =>
        {
            placeholders++;
            var value = valueOf(match.Groups["name"].Value);
            filled += value is null ? 0 : 1;
            return value ?? "";
        });
        return placeholders > 0 && filled == 0 ? null : text;
    }

    [GeneratedRegex(@"\{(?<name>[^{}]+)\}")]
    private static partial Regex Placeholder();
}
