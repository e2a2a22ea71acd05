namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>The image's entry point turns <c>Hub__…_FILE</c> variables (secrets as files) into the settings they name.</summary>
public sealed class HubEntrypointTests : IDisposable
{
    private static readonly string Script = RepositoryRoot.Combine("deploy", "docker", "hub-entrypoint.sh");

    private readonly string _folder = Directory.CreateTempSubdirectory("hub-entrypoint-").FullName;

    private static ToolRun Run(IDictionary<string, string?> environment) => ToolRun.Start("bash", [Script, "env"], environment: environment);

    [Fact]
    public void AFileVariable_BecomesTheSetting_WithoutTheTrailingNewline_AndIsRemoved()
    {
        var file = Path.Combine(_folder, "connection");
        File.WriteAllText(file, "Host=postgres;Password=p@ss;word\n");

        var run = Run(new Dictionary<string, string?> { ["Hub__Store__ConnectionString_FILE"] = file, ["Hub__Roles"] = "worker" });

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n');
        Assert.Contains("Hub__Store__ConnectionString=Host=postgres;Password=p@ss;word", lines);
        Assert.Contains("Hub__Roles=worker", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Hub__Store__ConnectionString_FILE=", StringComparison.Ordinal));
    }

    [Fact]
    public void ASettingGivenBothWays_StopsTheContainer_NamingBoth()
    {
        var file = Path.Combine(_folder, "password");
        File.WriteAllText(file, "secret");

        var run = Run(new Dictionary<string, string?> { ["Hub__Bus__Password_FILE"] = file, ["Hub__Bus__Password"] = "other" });

        Assert.Equal(64, run.ExitCode);
        Assert.Contains("both Hub__Bus__Password and Hub__Bus__Password_FILE are set", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFile_StopsTheContainer_NamingTheVariableAndThePath()
    {
        var missing = Path.Combine(_folder, "nothing-here");

        var run = Run(new Dictionary<string, string?> { ["Hub__Bus__Password_FILE"] = missing });

        Assert.Equal(66, run.ExitCode);
        Assert.Contains($"Hub__Bus__Password_FILE names '{missing}'", run.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
