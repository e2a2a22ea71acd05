using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await dialect.ExecuteScalarWriteAsync<long>(connection,
            """
            INSERT INTO audit_log (at, actor_key_id, actor_name, action, target, via, detail)
            VALUES (@at, @ActorKeyId, @ActorName, @Action, @Target, @Via, @Detail)
            RETURNING id
            """,
            new { at = entry.At.ToUnixTimeMilliseconds(), entry.ActorKeyId, entry.ActorName, entry.Action, entry.Target, entry.Via, entry.Detail },
            ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(AuditQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            """
            SELECT id AS Id, at AS At, actor_key_id AS ActorKeyId, actor_name AS ActorName, action AS Action, target AS Target,
                   via AS Via, detail AS Detail
            FROM audit_log
            WHERE (@before IS NULL OR id < @before)
              AND (@action IS NULL OR action = @action)
              AND (@target IS NULL OR target = @target)
            ORDER BY id DESC
            LIMIT @limit
            """,
            new { before = query.Before, action = query.Action, target = query.Target, limit = query.Limit },
            cancellationToken: ct)).ConfigureAwait(false);
        return
        [
            .. rows.Select(r => new AuditEntry
            {
                Id = r.Id,
                At = At(r.At),
                ActorKeyId = r.ActorKeyId,
                ActorName = r.ActorName,
                Action = r.Action,
                Target = r.Target,
                Via = r.Via,
                Detail = r.Detail,
            }),
        ];
    }

    private sealed record AuditRow
    {
        public long Id { get; init; }
        public long At { get; init; }
        public string ActorKeyId { get; init; } = "";
        public string ActorName { get; init; } = "";
        public string Action { get; init; } = "";
        public string Target { get; init; } = "";
        public string Via { get; init; } = "";
        public string? Detail { get; init; }
    }
}
