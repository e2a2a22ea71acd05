using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Canonical.Serialization;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// Migrations that change data in a way SQL alone cannot, run in version order with <see cref="Migrations"/> (each in
/// the same kind of transaction, recorded in schema_migrations).
/// </summary>
internal static class DataMigrations
{
    public static IReadOnlyList<(int Version, Func<DbConnection, DbTransaction, CancellationToken, Task> Apply)> All { get; } =
    [
        (14, RewriteOpenQuarantineRaw),
    ];

    /// <summary>
    /// Raw payloads are now kept with Chinese text as it is (no \u escapes), half the size. An open quarantine entry is
    /// matched by the hash of its raw text when the same broken record comes again, so the open entries are rewritten
    /// the new way: the next sync finds them instead of opening a second entry for each.
    /// </summary>
    private static async Task RewriteOpenQuarantineRaw(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var entries = await connection.QueryAsync<(long Id, string Connector, string Key, string Raw)>(new CommandDefinition(
            "SELECT id, connector_id, source_key, raw FROM quarantine WHERE status = 'open'", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var (id, connector, key, raw) in entries.ToList())
        {
            string rewritten;
            try
            {
                rewritten = JsonNode.Parse(raw)?.ToJsonString(CanonicalJson.Options) ?? raw;
            }
            catch (JsonException)
            {
                continue;
            }

            if (rewritten == raw)
                continue;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rewritten)));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE quarantine SET raw = @rewritten, raw_hash = @hash WHERE id = @id
                  AND NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.connector_id = @connector AND q.source_key = @key AND q.raw_hash = @hash AND q.status = 'open')
                """, new { rewritten, hash, id, connector, key }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
    }
}
