using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;

namespace IntegrationHub.Integration.Tests.Pipeline;

/// <summary>A case kept by two departments becomes one golden record, merged per field group, with lineage and a conflict log.</summary>
public sealed class GoldenRecordMergeTests
{
    private const int CasesPerDepartment = 600;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task SharedCases_BecomeOneGoldenRecordEach_WithBothSources_PriorityValues_ConflictsAndLineage(HubStack stack)
    {
        await using var sources = await SampleSources.CreateAsync(stack, CasesPerDepartment);
        await using var hub = await TestHub.StartAsync(stack, sources.ConnectorsDirectory);
        foreach (var department in SampleDepartment.All)
            Assert.Equal("completed", (await hub.RunAsync(department.Id))["status"]!.GetValue<string>());
        var market = SampleDepartment.MarketRegulation;
        var ecology = SampleDepartment.EcologyEnvironment;

        await using var store = await hub.OpenStoreAsync();
        var links = (await store.QueryAsync<(string ConnectorId, string SourceKey, string RecordId)>(
                "SELECT connector_id, source_key, record_id FROM source_records WHERE deleted_at IS NULL"))
            .ToDictionary(l => (l.ConnectorId, l.SourceKey), l => l.RecordId);
        var shared = sources.Rows
            .Where(r => r.Row.Truth.Defect is null)
            .GroupBy(r => r.Row.Truth.CaseIdentity)
            .Where(g => g.Count() == 2)
            .Select(g => (Market: g.Single(r => r.Department == market).Row.SourceKey, Ecology: g.Single(r => r.Department == ecology).Row.SourceKey))
            .ToList();
        Assert.NotEmpty(shared);

        var conflicted = 0;
        foreach (var (marketKey, ecologyKey) in shared)
        {
            var recordId = links[(market.Id, marketKey)];
            Assert.Equal(recordId, links[(ecology.Id, ecologyKey)]);
            var record = (await hub.GetJsonAsync($"/api/v1/records/{recordId}"))["record"]!.AsObject();
            Assert.Equal([ecology.Id, market.Id], record["sources"]!.AsArray().Select(s => s!["connector"]!.GetValue<string>()).Order(StringComparer.Ordinal));

            var conflicts = (await hub.GetJsonAsync($"/api/v1/records/{recordId}/conflicts"))["conflicts"]!.AsArray().Select(c => c!.AsObject()).ToList();
            foreach (var conflict in conflicts)
            {
                conflicted++;
                Assert.Equal("open", conflict["status"]!.GetValue<string>());
                Assert.Equal(market.Id, conflict["chosenConnector"]!.GetValue<string>());
                var values = conflict["values"]!.AsArray().Select(v => v!.AsObject()).ToList();
                Assert.Equal([market.Id, ecology.Id], values.Select(v => v["connector"]!.GetValue<string>()));
                Assert.NotEqual(values[0]["value"]!.ToJsonString(), values[1]["value"]!.ToJsonString());
                // The record holds the chosen (higher-priority) value of every path in conflict.
                foreach (var path in conflict["paths"]!.AsArray().Select(p => p!.GetValue<string>()))
                    Assert.True(JsonNode.DeepEquals(values[0]["value"]![path], record[path]), $"{recordId} {path}");
            }

            if (record["penalties"] is JsonArray { Count: > 0 })
            {
                var lineage = await hub.GetJsonAsync($"/api/v1/records/{recordId}/lineage");
                var penalties = lineage["fields"]!.AsArray().Single(f => f!["group"]!.GetValue<string>() == "penalties")!;
                Assert.Equal(market.Id, penalties["connector"]!.GetValue<string>());
                Assert.Equal(marketKey, penalties["sourceKey"]!.GetValue<string>());
                Assert.Contains("penalties", penalties["paths"]!.AsArray().Select(p => p!.GetValue<string>()));
                Assert.Equal(2, lineage["sources"]!.AsArray().Count);
            }
        }

        Assert.True(conflicted > 0, "the sample's shared cases disagree on purpose; some conflict must be logged");
        Assert.Equal(shared.Count, await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT record_id FROM source_records WHERE deleted_at IS NULL GROUP BY record_id HAVING COUNT(*) = 2) AS pairs"));

        // The feed carries one record per case: one created event per golden record, never two for one case.
        var created = (await hub.ReadFeedAsync()).Where(e => e["type"]!.GetValue<string>().EndsWith(".created.v1", StringComparison.Ordinal)).ToList();
        Assert.Equal(sources.DistinctValidCases, created.Count);
        Assert.Equal(created.Count, created.Select(e => e["subject"]!.GetValue<string>()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task LineageAndConflicts_OfAnUnknownRecord_AreNotFound(HubStack stack)
    {
        await using var hub = await TestHub.StartAsync(stack, Directory.CreateTempSubdirectory("hub-connectors-").FullName);

        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/v1/records/no-such-record/lineage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client.GetAsync("/api/v1/records/no-such-record/conflicts")).StatusCode);
    }
}
