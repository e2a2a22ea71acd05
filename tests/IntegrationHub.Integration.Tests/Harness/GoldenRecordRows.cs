using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;

namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>
/// Golden records written straight into a store's tables, as the store writer leaves them (record, version, change-log
/// entry): for tests of what reads the store, without a pipeline in between.
/// </summary>
public static class GoldenRecordRows
{
    /// <summary>New records with no change-log entry, as a store filled before the projection existed.</summary>
    public static async Task InsertAsync(DbConnection connection, IEnumerable<(string Id, EnforcementAction Action)> records)
    {
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var (id, action) in records)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO golden_records (id, identity_key, version, content_hash, content, agency_uscc, region_code, category, decided_on,
                                            decision_number, created_at, updated_at)
                VALUES (@id, @id, 1, @hash, @content, @uscc, @region, @category, @decided, @number, 0, 0)
                """, Parameters(Values(id, action)), tx);
        }

        await tx.CommitAsync();
    }

    /// <summary>A sync's change of one record: its new content (or, with null, its tombstone), a version and a change-log entry.</summary>
    public static async Task ChangeAsync(DbConnection connection, string id, EnforcementAction? action)
    {
        await using var tx = await connection.BeginTransactionAsync();
        var head = await connection.QuerySingleAsync<(long Version, string Content)>("SELECT version, content FROM golden_records WHERE id = @id", new { id }, tx);
        var version = head.Version + 1;
        var kind = action is null ? "deleted" : "updated";
        var content = action is null ? head.Content : CanonicalJson.Serialize(action);
        var values = Values(id, action ?? CanonicalJson.Deserialize(head.Content));
        await connection.ExecuteAsync(action is null
            ? "UPDATE golden_records SET version = @version, deleted_at = 1 WHERE id = @id"
            : "UPDATE golden_records SET version = @version, content = @content, deleted_at = NULL WHERE id = @id", new { id, version, content }, tx);
        await connection.ExecuteAsync(
            """
            INSERT INTO record_versions (record_id, version, change_kind, content_hash, content, connector_id, changed_at)
            VALUES (@id, @version, @kind, 'h', @content, 'test', 0);
            INSERT INTO change_log (event_id, record_id, version, change_type, occurred_at, region_code, agency_uscc, category)
            VALUES (@eventId, @id, @version, @kind, 0, @region, @uscc, @category);
            """, new { id, version, kind, content, eventId = Guid.NewGuid().ToString(), region = values.Region, uscc = values.Uscc, category = values.Category }, tx);
        await tx.CommitAsync();
    }

    private static Row Values(string id, EnforcementAction action) =>
        new(id, CanonicalJson.ContentHash(action), CanonicalJson.Serialize(action), action.Agency.Uscc, action.Agency.RegionCode,
            JsonNamingPolicy.CamelCase.ConvertName(action.Category.ToString()),
            action.Dates.Decided?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), action.DecisionNumber);

    private static object Parameters(Row row) =>
        new { id = row.Id, hash = row.Hash, content = row.Content, uscc = row.Uscc, region = row.Region, category = row.Category, decided = row.Decided, number = row.Number };

    private sealed record Row(string Id, string Hash, string Content, string? Uscc, string? Region, string Category, string? Decided, string? Number);
}
