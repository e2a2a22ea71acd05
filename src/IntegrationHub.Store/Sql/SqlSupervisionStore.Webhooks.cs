using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    public async Task AddWebhookDeliveryAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        await WebhookDeliveryRow.InsertAsync(connection, write.Transaction, delivery, ct).ConfigureAwait(false);
        await write.Transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListWebhookDeliveriesAsync(string subscriptionId, long? beforeId, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WebhookDeliveryRow>(new CommandDefinition(
            $"""
            SELECT {WebhookDeliveryRow.Columns} FROM webhook_deliveries
            WHERE subscription_id = @subscriptionId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC LIMIT @limit
            """, new { subscriptionId, beforeId, limit }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    public async Task<long?> FindDeliveredSequenceAsync(string subscriptionId, string eventId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(seq) FROM webhook_deliveries WHERE subscription_id = @subscriptionId AND event_id = @eventId",
            new { subscriptionId, eventId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task RequestWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO webhook_redeliveries (subscription_id, seq, requested_at) VALUES (@subscriptionId, @sequence, @now)
            ON CONFLICT (subscription_id, seq) DO NOTHING
            """, new { subscriptionId, sequence, now = Now }, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<long>> ListWebhookRedeliveriesAsync(string subscriptionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT seq FROM webhook_redeliveries WHERE subscription_id = @subscriptionId ORDER BY requested_at, seq",
            new { subscriptionId }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.ToList();
    }

    public async Task RemoveWebhookRedeliveryAsync(string subscriptionId, long sequence, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            "DELETE FROM webhook_redeliveries WHERE subscription_id = @subscriptionId AND seq = @sequence",
            new { subscriptionId, sequence }, ct).ConfigureAwait(false);
    }
}
