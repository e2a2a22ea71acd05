namespace IntegrationHub.Integration.Tests.Harness;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Connectors => Path.Combine(Root, "connectors");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds IntegrationHub.sln.");
    }
}
