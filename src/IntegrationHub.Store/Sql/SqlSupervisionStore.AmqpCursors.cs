using Dapper;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task<long> GetAmqpCursorAsync(string subscriptionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT sequence FROM amqp_cursors WHERE subscription_id = @subscriptionId", new { subscriptionId }, cancellationToken: ct)).ConfigureAwait(false) ?? 0;
    }

    public async Task AdvanceAmqpCursorAsync(string subscriptionId, long sequence, CancellationToken ct)
    {
        // Monotonic: a second publisher (another worker) that confirmed an older batch later cannot move it back.
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO amqp_cursors (subscription_id, sequence, updated_at) VALUES (@subscriptionId, @sequence, @now)
            ON CONFLICT (subscription_id) DO UPDATE SET sequence = excluded.sequence, updated_at = excluded.updated_at
            WHERE amqp_cursors.sequence < excluded.sequence
            """, new { subscriptionId, sequence, now = Now }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
