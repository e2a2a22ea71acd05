using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>The patterns of the repository's .dockerignore (the subset it uses: <c>*</c>, <c>**/</c>, folders, no <c>!</c>).</summary>
internal sealed class DockerIgnore(IReadOnlyList<Regex> patterns)
{
    public static DockerIgnore Load() => new(File.ReadLines(RepositoryRoot.Combine(".dockerignore"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(ToRegex)
        .ToList());

    /// <summary>Whether a path of the build context (relative, with '/') is left out of it, itself or through a parent.</summary>
    public bool Excludes(string path)
    {
        var parts = path.Trim('/').Split('/');
        return Enumerable.Range(1, parts.Length).Any(n => patterns.Any(p => p.IsMatch(string.Join('/', parts.Take(n)))));
    }

    private static Regex ToRegex(string pattern)
    {
        var body = Regex.Escape(pattern.Trim('/'))
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal);
        return new Regex($"^{body}$", RegexOptions.CultureInvariant);
    }
}
