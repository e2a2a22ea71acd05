using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>
/// The settings the README's configuration table documents (<c>Hub:Store:Provider</c>, …), so that every <c>Hub__…</c>
/// variable the deploy files set can be checked against them: a misspelt variable is silently ignored by the hub.
/// </summary>
internal static partial class DocumentedSettings
{
    private static readonly Lazy<HashSet<string>> Keys = new(Load);

    public static IReadOnlySet<string> All => Keys.Value;

    /// <summary>
    /// The setting a variable or command-line key sets: <c>Hub__Bus__Password_FILE</c> → <c>Hub:Bus:Password</c>
    /// (a secret read from a file by the image's entry point), <c>Hub__Alerts__Webhooks__0__Url</c> → <c>Hub:Alerts:Webhooks</c>.
    /// </summary>
    public static string SettingOf(string variable)
    {
        var name = variable.EndsWith("_FILE", StringComparison.Ordinal) ? variable[..^"_FILE".Length] : variable;
        var parts = name.Replace("__", ":", StringComparison.Ordinal).Split(':');
        return string.Join(':', parts.TakeWhile(part => !part.All(char.IsAsciiDigit)));
    }

    private static HashSet<string> Load()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryRoot.Combine("README.md")).Where(l => l.StartsWith("| `Hub:", StringComparison.Ordinal)))
        {
            // "| `Hub:Bus:Host`, `Port`, `VirtualHost` | …": the first name is full, the others are its siblings.
            var names = Code().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value).ToList();
            var parent = names[0][..names[0].LastIndexOf(':')];
            keys.Add(names[0]);
            foreach (var sibling in names.Skip(1))
                keys.Add($"{parent}:{sibling}");
        }

        return keys;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
