using System.Data.Common;
using Dapper;
using IntegrationHub.Canonical.Serialization;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// A small sync written the way the store writer writes one: for each record a new version, its change-log entry and
/// the golden record itself, in one transaction. Updated records lose their publication date (a figure moves); deleted
/// ones become tombstones. Lets the benchmark time the first report after a sync that changed a few records.
/// </summary>
internal static class GoldenRecordChanger
{
    public static async Task ChangeAsync(DbConnection connection, int records, int updated, int deleted)
    {
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var step = Math.Max(1, records / (updated + deleted));
        for (var n = 0; n < updated + deleted; n++)
        {
            var id = $"gr-{n * step:D8}";
            var head = await connection.QuerySingleAsync<(long Version, string Content, string? Region, string? Uscc, string? Category)>(
                "SELECT version, content, region_code, agency_uscc, category FROM golden_records WHERE id = @id", new { id }, transaction);
            var kind = n < updated ? "updated" : "deleted";
            var action = CanonicalJson.Deserialize(head.Content);
            var content = kind == "updated" ? CanonicalJson.Serialize(action with { Publication = null }) : head.Content;
            var version = head.Version + 1;
            var values = new { id, version, content, at, kind, hash = CanonicalJson.ContentHash(CanonicalJson.Deserialize(content)), eventId = Guid.NewGuid().ToString(), region = head.Region, uscc = head.Uscc, category = head.Category };
            await connection.ExecuteAsync(
                $"UPDATE golden_records SET version = @version, content = @content, updated_at = @at{(kind == "deleted" ? ", deleted_at = @at" : "")} WHERE id = @id",
                values, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO record_versions (record_id, version, change_kind, content_hash, content, connector_id, changed_at)
                VALUES (@id, @version, @kind, @hash, @content, 'benchmark', @at)
                """, values, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO change_log (event_id, record_id, version, change_type, occurred_at, region_code, agency_uscc, category)
                VALUES (@eventId, @id, @version, @kind, @at, @region, @uscc, @category)
                """, values, transaction);
        }

        await transaction.CommitAsync();
    }
}
