namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// Where tests keep files for people to look at (screenshots): <c>HUB_TEST_ARTIFACTS</c>, which deploy/scripts/test.sh
/// sets to its ARTIFACTS folder, or a folder under the system's temp folder when the tests run without it.
/// </summary>
public static class TestArtifacts
{
    public static string Folder(string name)
    {
        var root = Environment.GetEnvironmentVariable("HUB_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "hub-test-artifacts");
        var folder = Path.Combine(root, name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
