using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Integration.Tests.Harness;
using Xunit.Abstractions;

namespace IntegrationHub.Integration.Tests.Connectors.Sql.Capture;

public sealed class ScratchDebugTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Scratch()
    {
        await using var source = await CaptureSource.CreateAsync(40);
        var log = new CapturedLog();
        await using var hub = await TestHub.StartAsync(HubStack.Embedded, ChangeCaptureTests.EmptyConnectors(), log: log);
        await ChangeCaptureTests.RegisterAsync(hub, source.Definition("cdc"));
        await ChangeCaptureTests.WaitForSnapshotAsync(hub.Client, source.Rows);
        await source.MarkAsync(source.ValidKeys[0], 1);
        await Task.Delay(8000);
        output.WriteLine((await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/connectors/cdc/runs?limit=10"))!.ToJsonString());
        output.WriteLine((await hub.Store.GetCheckpointAsync("cdc", default)) ?? "null");
        output.WriteLine(string.Join('\n', log.Lines.Where(l => !l.Contains("Microsoft.AspNetCore") && !l.Contains("MassTransit") && !l.StartsWith("Debug", StringComparison.Ordinal)).TakeLast(60)));
    }
}
