using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

public sealed class SourceDriftTests
{
    private const string LegalBasis = "legal_basis"; // a column of the ecology-environment sample that its mapping reads

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task RenamingASourceColumn_ShowsAsDrift_InTheRunHistoryAndTheConnectorsHealth(HubStack stack)
    {
        var department = SampleDepartment.EcologyEnvironment;
        await using var sources = await SampleSources.CreateAsync(stack, 120);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        var first = await hub.RunAsync(department.Id);
        Assert.Null(first["drift"]); // every mapped column is there

        // The department renames a column the mapping reads; a few rows change so the next run reads records.
        await sources.ChangeAsync(department, 5, seed: 7);
        await using (var connection = sources.Open(department))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"ALTER TABLE {department.Table} RENAME COLUMN {LegalBasis} TO basis_of_law");
        }

        var second = await hub.RunAsync(department.Id);

        Assert.Equal("completed", second["status"]!.GetValue<string>());
        var drift = second["drift"]!;
        Assert.Equal(["basis_of_law"], drift["added"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal([LegalBasis], drift["removed"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal([LegalBasis], drift["mappedButMissing"]!.AsArray().Select(f => f!.GetValue<string>()));
        var health = (await hub.Client.GetFromJsonAsync<JsonArray>("/api/v1/sync/summary"))!.Single(c => c!["id"]!.GetValue<string>() == department.Id)!;
        Assert.Equal(second["id"]!.GetValue<string>(), health["lastDrift"]!["runId"]!.GetValue<string>());
        Assert.Contains(LegalBasis, health["lastDrift"]!["mappedButMissing"]!.AsArray().Select(f => f!.GetValue<string>()));

        // Once the source is stable again, runs report no new drift.
        await sources.ChangeAsync(department, 3, seed: 8);
        var third = await hub.RunAsync(department.Id);
        Assert.Null(third["drift"]);
    }
}
