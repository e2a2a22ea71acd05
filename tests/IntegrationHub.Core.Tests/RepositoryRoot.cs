namespace IntegrationHub.Core.Tests;

/// <summary>
/// The checkout the tests run from: the nearest folder above the test binaries that holds IntegrationHub.sln, so tests
/// can read schemas/, connectors/ and docs/ wherever the repository is cloned.
/// </summary>
internal static class RepositoryRoot
{
    private const string SolutionFile = "IntegrationHub.sln";

    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>An absolute path under the repository root, e.g. <c>Combine("schemas", "examples")</c>.</summary>
    public static string Combine(params string[] relative) => System.IO.Path.Combine([Root.Value, .. relative]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder above {AppContext.BaseDirectory} contains {SolutionFile}; run the tests from inside the repository.");
    }
}
