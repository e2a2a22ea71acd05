using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Connectors.Sql.Capture;

/// <summary>
/// Exactly-once effect of change capture: a hub killed with SIGKILL while it streams, and changes made while it is down,
/// end with every source change stored once, in order — the stored position moves with the records it covers, and only
/// stored positions are confirmed to the source.
/// </summary>
public sealed class CaptureCrashTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task HubKilledMidStream_AfterRestart_StoresEveryChangeOnceInCommitOrder(HubStack stack)
    {
        await using var source = await CaptureSource.CreateAsync(60);
        var connectors = source.WriteConnectorsDirectory(source.Definition("cdc", runSeconds: 30));
        await using var settings = await HubSettings.CreateAsync(stack, connectors, new Dictionary<string, string?> { ["Hub:Sync:RunHeartbeatTimeout"] = "00:00:03" });
        var keys = source.ValidKeys.Take(12).ToArray();
        var marks = keys.ToDictionary(k => k, _ => 0);
        var marker = 0;
        async Task MarkUntilAsync(int last)
        {
            for (; marker < last; marker++)
            {
                var key = keys[marker % keys.Length];
                // A row deleted at the source is changed no more: only changes that happened count.
                if (await source.MarkAsync(key, marker + 1) == 1)
                    marks[key]++;
            }
        }

        await using (var first = await HubProcess.StartAsync(settings))
        {
            await ChangeCaptureTests.WaitForSnapshotAsync(first.Client, source.Rows);
            var snapshot = await VersionsAsync(settings);
            var writing = MarkUntilAsync(400);
            // Killed while changes are being made, read, in flight and stored.
            await WebhookTesting.WaitUntilAsync(async () => await VersionsAsync(settings) >= snapshot + 40, "some changes stored");
            first.Kill();
            await writing;
        }

        // The department goes on while the hub is down: changes and a deletion.
        await MarkUntilAsync(500);
        var removed = keys[^1];
        await source.DeleteAsync(removed);

        await using (var second = await HubProcess.StartAsync(settings))
        {
            await MarkUntilAsync(560);
            var final = await source.MarkersAsync();
            await WebhookTesting.WaitUntilAsync(async () => await StoredMarkersMatchAsync(settings, keys[..^1], final), "every change stored", TimeSpan.FromMinutes(3));
            await WebhookTesting.WaitUntilAsync(async () => await DeletedAsync(settings, removed), "the deletion stored", TimeSpan.FromMinutes(1));
        }

        await using var store = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        foreach (var key in keys)
        {
            var recordId = await store.ExecuteScalarAsync<string>("SELECT record_id FROM source_records WHERE connector_id = 'cdc' AND source_key = @key",
                new { key = key.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            var versions = (await store.QueryAsync<(string Kind, string Content)>(
                "SELECT v.change_kind, COALESCE(v.content, g.content) FROM record_versions v JOIN golden_records g ON g.id = v.record_id " +
                "WHERE v.record_id = @recordId ORDER BY v.version", new { recordId })).ToList();
            var markers = versions.Where(v => v.Kind != "deleted").Select(v => CaptureSource.MarkerOf(v.Content)).ToList();
            // One version per change, none lost, none repeated, none out of order.
            Assert.Equal(1 + marks[key] + (key == removed ? 1 : 0), versions.Count);
            Assert.Equal(markers.Order(), markers);
            Assert.Equal(markers.Count, markers.Distinct().Count());
        }

        Assert.Equal(await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions"), await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM change_log"));
        if (stack == HubStack.Production)
            Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private static async Task<long> VersionsAsync(HubSettings settings)
    {
        await using var store = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        return await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM record_versions");
    }

    private static async Task<bool> StoredMarkersMatchAsync(HubSettings settings, IEnumerable<long> keys, Dictionary<long, int> final)
    {
        await using var store = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        foreach (var key in keys)
        {
            var raw = await store.ExecuteScalarAsync<string>("SELECT raw FROM source_records WHERE connector_id = 'cdc' AND source_key = @key",
                new { key = key.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (raw is null || CaptureSource.MarkerOf(JsonNode.Parse(raw)?[CaptureSource.Facts]?.GetValue<string>()) != final[key])
                return false;
        }

        return true;
    }

    private static async Task<bool> DeletedAsync(HubSettings settings, long key)
    {
        await using var store = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None);
        return await store.ExecuteScalarAsync<long?>("SELECT deleted_at FROM source_records WHERE connector_id = 'cdc' AND source_key = @key",
            new { key = key.ToString(System.Globalization.CultureInfo.InvariantCulture) }) is not null;
    }
}
