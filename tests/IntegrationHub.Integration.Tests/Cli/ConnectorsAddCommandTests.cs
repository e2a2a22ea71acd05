using System.Text.Json.Nodes;
using IntegrationHub.Cli;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary><c>hub connectors add|remove|kinds</c>: connectors registered through the API from a definition file.</summary>
public sealed class ConnectorsAddCommandTests
{
    private const string AddedId = "cli-added";

    [Fact]
    public async Task Add_FromADefinitionNamingAMappingFile_RegistersTheConnectorWithTheMappingInline()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 20);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var file = WriteDefinitionElsewhere(sources, SampleDepartment.MarketRegulation);

        var added = await HubCommandLine.RunAsync(hub, "connectors", "add", file);
        var shown = await HubCommandLine.RunAsync(hub, "connectors", "show", AddedId, "--json");

        Assert.True(added.ExitCode == ExitCodes.Ok, added.ToString());
        Assert.Contains($"Added connector {AddedId} (sql, enabled).", added.Output, StringComparison.Ordinal);
        Assert.True(shown.ExitCode == ExitCodes.Ok, shown.ToString());
        var connector = JsonNode.Parse(shown.Output)!.AsObject();
        Assert.Equal("api", connector["origin"]!.GetValue<string>());
        Assert.Equal("案件ID", connector["mapping"]?["sourceKey"]?.GetValue<string>());
    }

    [Fact]
    public async Task Add_OfAnExistingId_ExitsOneUnlessReplaceIsGiven()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 20);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var file = WriteDefinitionElsewhere(sources, SampleDepartment.MarketRegulation);
        await HubCommandLine.RunAsync(hub, "connectors", "add", file);

        var again = await HubCommandLine.RunAsync(hub, "connectors", "add", file);
        var replaced = await HubCommandLine.RunAsync(hub, "connectors", "add", file, "--replace");

        Assert.True(again.ExitCode == ExitCodes.Failed, again.ToString());
        Assert.Contains("(409)", again.Error, StringComparison.Ordinal);
        Assert.True(replaced.ExitCode == ExitCodes.Ok, replaced.ToString());
        Assert.Contains($"Replaced connector {AddedId}", replaced.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ThenRunWithWait_PullsEveryRowOfTheSource()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 20);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        var department = SampleDepartment.MarketRegulation;
        await HubCommandLine.RunAsync(hub, "connectors", "add", WriteDefinitionElsewhere(sources, department));

        var run = await HubCommandLine.RunAsync(hub, "connectors", "run", AddedId, "--wait", "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal(await sources.CountAsync(department), JsonNode.Parse(run.Output)!["pulled"]!.GetValue<long>());
    }

    [Fact]
    public async Task Remove_OfAnAddedConnector_MakesItUnknown()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Embedded, 20);
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, sources.ConnectorsDirectory);
        await HubCommandLine.RunAsync(hub, "connectors", "add", WriteDefinitionElsewhere(sources, SampleDepartment.MarketRegulation));

        var removed = await HubCommandLine.RunAsync(hub, "connectors", "remove", AddedId);
        var shown = await HubCommandLine.RunAsync(hub, "connectors", "show", AddedId);

        Assert.True(removed.ExitCode == ExitCodes.Ok, removed.ToString());
        Assert.Contains($"Removed connector {AddedId}.", removed.Output, StringComparison.Ordinal);
        Assert.True(shown.ExitCode == ExitCodes.Failed, shown.ToString());
        Assert.Contains("(404)", shown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kinds_ListsTheSqlKindWithItsSecrets()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);

        var result = await HubCommandLine.RunAsync(hub, "connectors", "kinds");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        Assert.Matches("(?m)^sql +.*connectionString", result.Output);
    }

    /// <summary>
    /// The sample definition of a department under the id <see cref="AddedId"/>, in a folder of its own (not the hub's
    /// connectors folder), beside a copy of its mapping file which it names.
    /// </summary>
    private static string WriteDefinitionElsewhere(SampleSources sources, SampleDepartment department)
    {
        var folder = Directory.CreateDirectory(Path.Combine(sources.Directory, "elsewhere")).FullName;
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(sources.ConnectorsDirectory, $"{department.Id}.connector.json")))!.AsObject();
        definition["id"] = AddedId;
        var mapping = definition["mapping"]!.GetValue<string>();
        File.Copy(Path.Combine(sources.ConnectorsDirectory, mapping), Path.Combine(folder, mapping), overwrite: true);
        var file = Path.Combine(folder, $"{AddedId}.connector.json");
        File.WriteAllText(file, definition.ToJsonString());
        return file;
    }
}
