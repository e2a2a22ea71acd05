using System.Text.RegularExpressions;

namespace IntegrationHub.Mapping.Engine;

/// <summary>Fills <c>{field}</c> placeholders of a template.</summary>
internal static partial class TemplatePlaceholder
{
    public static string Replace(string template, Func<string, string> valueOf) =>
        Placeholder().Replace(template, match => valueOf(match.Groups["name"].Value));

    [GeneratedRegex(@"\{(?<name>[^{}]+)\}")]
    private static partial Regex Placeholder();
}
