using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Integration.Tests.Harness;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// What a fault test checks after the faults, from the store itself and from the whole pull feed:
/// the store equals the source (every valid row a live source record of its connector, every broken row an open
/// quarantine entry, one golden record per real-world case, every link whole), every run conserves
/// (pulled = inserted + updated + unchanged + quarantined + deleted), versions never repeat their content, and the feed
/// carries every version exactly once, in ascending sequence, with no gap in any record's versions.
/// </summary>
public static class SyncAudit
{
    public static async Task<AuditReport> AuditAsync(HubSettings settings, HttpClient admin, SourceTruth truth)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(truth);
        var report = new AuditReport();
        await using (var store = await settings.OpenStoreDialect().OpenAsync(CancellationToken.None))
        {
            await WaitForQuietAsync(store);
            var quietAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await AuditStoreAsync(store, truth, report);
            await AuditRunsAsync(store, report, quietAt);
            await AuditFeedAsync(store, admin, report);
        }

        if (settings.StoreConnectionString is not null)
            Npgsql.NpgsqlConnection.ClearAllPools();
        return report;
    }

    /// <summary>
    /// Waits (two minutes at most) until no run is under way: the sample connectors run on a schedule too, and one may
    /// have started after the sync was completed. It finds nothing new, but the audit reads a store at rest.
    /// </summary>
    private static async Task WaitForQuietAsync(DbConnection store)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sync_runs WHERE status = 'running'") > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
    }

    private static async Task AuditStoreAsync(DbConnection store, SourceTruth truth, AuditReport report)
    {
        foreach (var connector in truth.Connectors)
        {
            var valid = truth.Valid.GetValueOrDefault(connector) ?? [];
            var defective = truth.Defective.GetValueOrDefault(connector) ?? [];
            var stored = (await store.QueryAsync<string>("SELECT source_key FROM source_records WHERE connector_id = @connector AND deleted_at IS NULL", new { connector }))
                .ToHashSet(StringComparer.Ordinal);
            var quarantined = (await store.QueryAsync<string>("SELECT source_key FROM quarantine WHERE connector_id = @connector AND status = 'open'", new { connector }))
                .ToList();
            report.Lost += valid.Count(k => !stored.Contains(k));
            report.Problem(valid.Where(k => !stored.Contains(k)), $"valid rows of {connector} that are not stored");
            report.Problem(stored.Where(k => !valid.Contains(k)), $"source records of {connector} that the source does not have as valid rows");
            var open = quarantined.ToHashSet(StringComparer.Ordinal);
            report.Lost += defective.Count(k => !open.Contains(k));
            report.Problem(defective.Where(k => !open.Contains(k)), $"broken rows of {connector} that are not in quarantine");
            report.Problem(open.Where(k => !defective.Contains(k)), $"open quarantine entries of {connector} for rows that are not broken");
            report.Doubled += quarantined.Count - open.Count;
            report.Problem(quarantined.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key),
                $"rows of {connector} with more than one open quarantine entry");
        }

        var golden = await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM golden_records WHERE deleted_at IS NULL");
        if (golden > truth.DistinctValidCases)
            report.Doubled += golden - truth.DistinctValidCases;
        if (golden < truth.DistinctValidCases)
            report.Lost += truth.DistinctValidCases - golden;
        report.Check(golden == truth.DistinctValidCases, $"{golden} live golden records for {truth.DistinctValidCases} real-world cases");
        report.Count(await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM source_records s LEFT JOIN golden_records g ON g.id = s.record_id WHERE g.id IS NULL"), "source records linked to no golden record");
        report.Count(await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM golden_records g WHERE g.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM source_records s WHERE s.record_id = g.id AND s.deleted_at IS NULL)"),
            "live golden records without a live source");
        var repeated = await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM record_versions a JOIN record_versions b ON b.record_id = a.record_id AND b.version = a.version + 1 WHERE a.content_hash = b.content_hash");
        report.Doubled += repeated;
        report.Count(repeated, "versions that repeat the content of the version before them");
        report.Count(await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM golden_records g WHERE g.version <> (SELECT MAX(v.version) FROM record_versions v WHERE v.record_id = g.id)"),
            "golden records whose version is not their latest stored version");
        // A version's content is stored once: in its golden record while current, in its own row once superseded.
        var lostHistory = await store.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM record_versions v JOIN golden_records g ON g.id = v.record_id WHERE v.version < g.version AND v.content IS NULL");
        report.Lost += lostHistory;
        report.Count(lostHistory, "superseded record versions whose content is not stored");
    }

    /// <param name="quietAt">When no run was under way: a scheduled run started since is no fault's leftover.</param>
    private static async Task AuditRunsAsync(DbConnection store, AuditReport report, long quietAt)
    {
        var runs = (await store.QueryAsync<RunRow>(
            "SELECT run_id AS RunId, connector_id AS ConnectorId, status AS Status, started_at AS StartedAt, pulled AS Pulled, inserted AS Inserted, updated AS Updated, " +
            "unchanged AS Unchanged, quarantined AS Quarantined, deleted AS Deleted, error AS Error FROM sync_runs")).ToList();
        report.Runs = runs.Count;
        report.RunOutcomes = string.Join(", ", runs.GroupBy(r => r.Status, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}"));
        report.RunErrors.AddRange(runs.Where(r => r.Error is not null).Select(r => $"{r.Status}: {r.Error}"));
        report.Count(runs.Count(r => r.Status == "running" && r.StartedAt < quietAt), "runs still running after the sync");
        foreach (var run in runs.Where(r => r.Pulled != r.Inserted + r.Updated + r.Unchanged + r.Quarantined + r.Deleted))
            report.Problems.Add($"run {run.RunId} of {run.ConnectorId} ({run.Status}) does not conserve: pulled {run.Pulled} ≠ {run.Inserted} + {run.Updated} + {run.Unchanged} + {run.Quarantined} + {run.Deleted}");
    }

    private static async Task AuditFeedAsync(DbConnection store, HttpClient admin, AuditReport report)
    {
        var events = await ReadFeedAsync(admin);
        report.FeedEvents = events.Count;
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Sequence <= events[i - 1].Sequence)
                report.Problems.Add($"feed sequence {events[i].Sequence} follows {events[i - 1].Sequence}");
        }

        var duplicateIds = events.Count - events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count();
        var byVersion = events.GroupBy(e => (e.RecordId, e.Version)).ToList();
        var duplicateVersions = byVersion.Sum(g => g.Count() - 1);
        report.Doubled += Math.Max(duplicateIds, duplicateVersions);
        report.Count(duplicateIds, "feed events whose id repeats");
        report.Count(duplicateVersions, "feed events for a record version that already had one");

        var versions = (await store.QueryAsync<(string RecordId, long Version)>("SELECT record_id, version FROM record_versions")).ToHashSet();
        var inFeed = byVersion.Select(g => g.Key).ToHashSet();
        var missing = versions.Count(v => !inFeed.Contains(v));
        report.Lost += missing;
        report.Count(missing, "record versions without a feed event");
        report.Count(inFeed.Count(v => !versions.Contains(v)), "feed events for a record version the store does not have");
        var gaps = inFeed.GroupBy(v => v.RecordId, StringComparer.Ordinal).Count(g => g.Max(v => v.Version) != g.Count());
        report.Count(gaps, "records whose versions in the feed have a gap");
    }

    /// <summary>The whole pull feed, keeping only what the checks need (the records themselves would not fit a long campaign's memory).</summary>
    private static async Task<List<FeedEntry>> ReadFeedAsync(HttpClient admin)
    {
        var entries = new List<FeedEntry>();
        string? cursor = null;
        while (true)
        {
            var page = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/feed?limit=1000{(cursor is null ? "" : "&after=" + cursor)}"))!;
            var data = page["data"]!.AsArray();
            entries.AddRange(data.Select(e => new FeedEntry(
                long.Parse(e!["seq"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                e["id"]!.GetValue<string>(),
                e["data"]!["id"]!.GetValue<string>(),
                e["data"]!["version"]!.GetValue<long>())));
            var next = page["next_cursor"]!.GetValue<string>();
            if (data.Count == 0 || next == cursor)
                return entries;
            cursor = next;
        }
    }

    private sealed record FeedEntry(long Sequence, string Id, string RecordId, long Version);

    private sealed record RunRow
    {
        public string RunId { get; init; } = "";
        public string ConnectorId { get; init; } = "";
        public string Status { get; init; } = "";
        public long StartedAt { get; init; }
        public long Pulled { get; init; }
        public long Inserted { get; init; }
        public long Updated { get; init; }
        public long Unchanged { get; init; }
        public long Quarantined { get; init; }
        public long Deleted { get; init; }
        public string? Error { get; init; }
    }
}
