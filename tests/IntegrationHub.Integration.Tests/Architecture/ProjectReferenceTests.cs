using System.Reflection;

namespace IntegrationHub.Integration.Tests.Architecture;

/// <summary>
/// The reference rules of docs/architecture.md, read from the compiled assemblies: the pure projects do no I/O (no
/// database, bus, HTTP server or host package), and the API's contracts depend on nothing but the base library, so the
/// command-line tool can share them without pulling in the hub; the store knows the canonical model and its own types,
/// not the mapping engine or the bus's messages.
/// </summary>
public sealed class ProjectReferenceTests
{
    private static readonly string[] IoPackages =
    [
        "Npgsql", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "Dapper", "MassTransit", "RabbitMQ", "MySqlConnector",
        "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting", "Polly", "Refit", "System.Net.Http",
    ];

    [Theory]
    [InlineData("IntegrationHub.Canonical")]
    [InlineData("IntegrationHub.Mapping")]
    [InlineData("IntegrationHub.Contracts")]
    [InlineData("IntegrationHub.Api.Contracts")]
    public void APureProject_ReferencesNoIoPackage(string project)
    {
        var io = References(project).Where(name => IoPackages.Any(p => name == p || name.StartsWith(p + ".", StringComparison.Ordinal)));

        Assert.Empty(io);
    }

    [Fact]
    public void TheApiContracts_ReferenceOnlyTheBaseLibrary()
    {
        var others = References("IntegrationHub.Api.Contracts")
            .Where(name => name is not ("System.Runtime" or "netstandard" or "System.Text.Json" or "System.Collections") && !name.StartsWith("System.", StringComparison.Ordinal));

        Assert.Empty(others);
    }

    [Fact]
    public void TheStore_TakesItsOwnTypes_NotTheMappingsOrTheBusMessages()
    {
        var hub = References("IntegrationHub.Store").Where(name => name.StartsWith("IntegrationHub.", StringComparison.Ordinal));

        Assert.Equal(["IntegrationHub.Canonical"], hub);
    }

    [Fact]
    public void TheCommandLineTool_ReferencesNoHubProjectButTheApiContracts()
    {
        var hub = References("hub").Where(name => name.StartsWith("IntegrationHub.", StringComparison.Ordinal));

        Assert.Equal(["IntegrationHub.Api.Contracts"], hub);
    }

    private static IReadOnlyList<string> References(string assembly) =>
        [.. Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal)];
}
