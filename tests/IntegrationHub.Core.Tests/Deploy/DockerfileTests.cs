namespace IntegrationHub.Core.Tests.Deploy;

/// <summary>The Dockerfile builds in stages, runs the hub as a non-root user, and copies only what exists.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DockerfileTests
{
    private static readonly DockerfileInstructions Dockerfile = DockerfileInstructions.Load();

    [Fact]
    public void TheImage_IsBuiltWithTheSdk_AndRunsOnTheAspNetRuntime()
    {
        Assert.True(Dockerfile.Stages.Count >= 2, "a multi-stage build");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", Dockerfile.Stages[0].From, StringComparison.Ordinal);
        Assert.Equal("build", Dockerfile.Stages[0].Name);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", Dockerfile.Final.From, StringComparison.Ordinal);
        Assert.Contains(Dockerfile.Final.All("COPY"), c => c.StartsWith("--from=build /out/host ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheBuildStage_PublishesTheHostAndTheCli_ThatTheRuntimeStageStarts()
    {
        var publish = string.Join(' ', Dockerfile.Stages[0].All("RUN"));

        Assert.Contains("dotnet publish src/IntegrationHub.Host/IntegrationHub.Host.csproj", publish, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/IntegrationHub.Cli/IntegrationHub.Cli.csproj", publish, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryRoot.Combine("src", "IntegrationHub.Host", "IntegrationHub.Host.csproj")));
        Assert.Contains("<AssemblyName>hub</AssemblyName>", File.ReadAllText(RepositoryRoot.Combine("src", "IntegrationHub.Cli", "IntegrationHub.Cli.csproj")), StringComparison.Ordinal);
        Assert.Equal("[\"dotnet\", \"/app/host/IntegrationHub.Host.dll\"]", Dockerfile.Final.All("CMD").Single());
        Assert.Contains("/app/cli/hub.dll", File.ReadAllText(RepositoryRoot.Combine("deploy", "docker", "hub.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void TheHub_RunsAsTheImagesNonRootUser_WhoOwnsTheDataAndKeyFolders()
    {
        var user = Dockerfile.RuntimeUser();
        var environment = DockerfileInstructions.Environment(Dockerfile.Final);

        Assert.NotEqual(0, user);
        Assert.Contains(Dockerfile.Final.All("RUN"), r => r.Contains($"chown -R {user}:{user} /var/lib/integration-hub", StringComparison.Ordinal));
        Assert.StartsWith("/var/lib/integration-hub/", environment["Hub__DataDirectory"], StringComparison.Ordinal);
        Assert.StartsWith("/var/lib/integration-hub/", environment["Hub__KeysDirectory"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheImage_ListensOnAllInterfaces_AndChecksItsReadiness()
    {
        var environment = DockerfileInstructions.Environment(Dockerfile.Final);

        Assert.Equal("http://+:8080", environment["Hub__Urls"]);
        Assert.Equal(["8080"], Dockerfile.Final.All("EXPOSE"));
        var healthcheck = Dockerfile.Final.All("HEALTHCHECK").Single();
        Assert.Contains("\"http://127.0.0.1:8080/health/ready\"", healthcheck, StringComparison.Ordinal);
    }

    [Fact]
    public void TheImage_KeepsNativeAllocationsInTwoMallocArenas()
    {
        Assert.Equal("2", DockerfileInstructions.Environment(Dockerfile.Final)["MALLOC_ARENA_MAX"]);
    }

    [Fact]
    public void EveryPathTheDockerfileCopies_ExistsAndIsInTheBuildContext()
    {
        var ignore = DockerIgnore.Load();
        var problems = new List<string>();
        foreach (var copy in Dockerfile.Stages.SelectMany(s => s.All("COPY")))
        {
            var words = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Any(w => w.StartsWith("--from=", StringComparison.Ordinal)))
                continue;
            foreach (var source in words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1))
            {
                if (!File.Exists(RepositoryRoot.Combine(source)) && !Directory.Exists(RepositoryRoot.Combine(source)))
                    problems.Add($"{source} does not exist");
                else if (ignore.Excludes(source))
                    problems.Add($"{source} is left out of the build context by .dockerignore");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void TheDockerIgnoreCheck_SeesWhatItLeavesOut()
    {
        var ignore = DockerIgnore.Load();

        Assert.True(ignore.Excludes("src/IntegrationHub.Host/bin/Release/x.dll"));
        Assert.True(ignore.Excludes("tests/IntegrationHub.Core.Tests"));
        Assert.True(ignore.Excludes("deploy/compose/secrets/postgres_password"));
        Assert.False(ignore.Excludes("deploy/docker/hub-entrypoint.sh"));
        Assert.False(ignore.Excludes("src/IntegrationHub.Host/Program.cs"));
    }

    [Fact]
    public void TheEntryPointAndTheCliWrapper_AreExecutableScripts()
    {
        Assert.Equal("[\"/usr/local/bin/hub-entrypoint\"]", Dockerfile.Final.All("ENTRYPOINT").Single());
        foreach (var script in new[] { "hub-entrypoint.sh", "hub.sh" })
        {
            var path = RepositoryRoot.Combine("deploy", "docker", script);
            Assert.StartsWith("#!/", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{script} is not executable");
        }
    }
}
