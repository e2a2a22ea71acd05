using IntegrationHub.Cli;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Cli;

/// <summary>How <c>hub</c> ends when it cannot do its work: the hub is away, the key is refused, the command line is wrong.</summary>
public sealed class CliConnectionTests
{
    [Fact]
    public async Task AnyCommand_WhenNothingListensAtTheUrl_ExitsThreeAndNamesTheAddress()
    {
        var address = HubCommandLine.UnusedAddress();

        var result = await HubCommandLine.RunAsync("connectors", "list", "--url", address, "--key", "hub_unused");

        Assert.True(result.ExitCode == ExitCodes.Unreachable, result.ToString());
        Assert.Contains($"cannot reach the hub at {address}", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_WithAKeyTheHubDoesNotKnow_ExitsThreeAndPrintsTheProblem()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);

        var result = await HubCommandLine.RunAsync("connectors", "list", "--url", hub.Address.ToString(), "--key", "hub_not-a-real-key");

        Assert.True(result.ExitCode == ExitCodes.Unreachable, result.ToString());
        Assert.Contains("error: Authentication required (401)", result.Error, StringComparison.Ordinal);
        Assert.Contains("did not accept the API key from --key", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_WithTheKeyInHubApiKey_IsAccepted()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, empty);
        var key = (await File.ReadAllTextAsync(Path.Combine(hub.DataDirectory, "admin.key"))).Trim();
        Environment.SetEnvironmentVariable("HUB_API_KEY", key);
        try
        {
            var result = await HubCommandLine.RunAsync("connectors", "list", "--url", hub.Address.ToString());

            Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
            Assert.Contains("No connectors yet", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HUB_API_KEY", null);
        }
    }

    [Fact]
    public async Task AnUnknownCommand_IsAUsageError_ExitTwo()
    {
        var result = await HubCommandLine.RunAsync("connectors", "frobnicate");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("frobnicate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALimitOutOfRange_IsAUsageError_BeforeTheHubIsAsked()
    {
        var result = await HubCommandLine.RunAsync("connectors", "runs", "x", "--limit", "0", "--url", HubCommandLine.UnusedAddress());

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("--limit must be a positive number", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddingADefinitionFileThatDoesNotExist_IsAUsageError_ExitTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir", "x.connector.json");

        var result = await HubCommandLine.RunAsync("connectors", "add", missing, "--url", HubCommandLine.UnusedAddress(), "--key", "hub_unused");

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(missing, result.Error, StringComparison.Ordinal);
    }
}
