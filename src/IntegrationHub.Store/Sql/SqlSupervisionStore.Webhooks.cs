using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    private const string WebhookStateColumns =
        "subscription_id AS SubscriptionId, cursor_seq AS Cursor, attempt AS Attempt, next_attempt_at AS NextAttemptAt, " +
        "generation AS Generation, updated_at AS UpdatedAt";

    private const string WebhookDeliveryColumns =
        "id AS Id, subscription_id AS SubscriptionId, event_id AS EventId, seq AS Sequence, attempt AS Attempt, trigger_kind AS TriggerKind, " +
        "attempted_at AS AttemptedAt, status_code AS StatusCode, latency_ms AS LatencyMilliseconds, response AS Response, error AS Error, " +
        "next_attempt_at AS NextAttemptAt";

    public async Task<WebhookDeliveryState?> GetWebhookStateAsync(string subscriptionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<WebhookStateRow>(new CommandDefinition(
            $"SELECT {WebhookStateColumns} FROM webhook_state WHERE subscription_id = @subscriptionId",
            new { subscriptionId }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToState();
    }

    public async Task<bool> StartWebhookStateAsync(string subscriptionId, long cursor, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_state (subscription_id, cursor_seq, attempt, next_attempt_at, generation, updated_at)
            VALUES (@subscriptionId, @cursor, 0, NULL, 0, @now)
            ON CONFLICT (subscription_id) DO NOTHING
            """, new { subscriptionId, cursor, now = Now }, cancellationToken: ct)).ConfigureAwait(false) > 0;
    }

    public async Task<bool> RecordWebhookAttemptAsync(WebhookDelivery? delivery, WebhookDeliveryState state, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (delivery is not null)
            await InsertDeliveryAsync(connection, tx, delivery, ct).ConfigureAwait(false);
        var saved = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_state SET cursor_seq = @Cursor, attempt = @Attempt, next_attempt_at = @NextAttemptAt, updated_at = @UpdatedAt
            WHERE subscription_id = @SubscriptionId AND generation = @Generation
            """, WebhookStateRow.From(state), tx, cancellationToken: ct)).ConfigureAwait(false) > 0;
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return saved;
    }

    public async Task AddWebhookDeliveryAsync(WebhookDelivery delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await InsertDeliveryAsync(connection, null, delivery, ct).ConfigureAwait(false);
    }

    public async Task<bool> RewindWebhookAsync(string subscriptionId, long? toSequence, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_state
            SET cursor_seq = CASE WHEN @toSequence IS NOT NULL AND cursor_seq > @toSequence THEN @toSequence ELSE cursor_seq END,
                attempt = 0, next_attempt_at = NULL, generation = generation + 1, updated_at = @now
            WHERE subscription_id = @subscriptionId
            """, new { subscriptionId, toSequence, now = Now }, cancellationToken: ct)).ConfigureAwait(false) > 0;
    }

    public async Task RemoveWebhookStateAsync(string subscriptionId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_state WHERE subscription_id = @subscriptionId", new { subscriptionId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_redeliveries WHERE subscription_id = @subscriptionId", new { subscriptionId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListWebhookDeliveriesAsync(string subscriptionId, long? beforeId, int limit, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<WebhookDeliveryRow>(new CommandDefinition(
            $"""
            SELECT {WebhookDeliveryColumns} FROM webhook_deliveries
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
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_redeliveries (subscription_id, seq, requested_at) VALUES (@subscriptionId, @sequence, @now)
            ON CONFLICT (subscription_id, seq) DO NOTHING
            """, new { subscriptionId, sequence, now = Now }, cancellationToken: ct)).ConfigureAwait(false);
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
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhook_redeliveries WHERE subscription_id = @subscriptionId AND seq = @sequence",
            new { subscriptionId, sequence }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<long?> FirstChangeSequenceSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(seq) FROM change_log WHERE occurred_at >= @since",
            new { since = since.ToUnixTimeMilliseconds() }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static Task InsertDeliveryAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, WebhookDelivery delivery, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (subscription_id, event_id, seq, attempt, trigger_kind, attempted_at, status_code, latency_ms,
                                            response, error, next_attempt_at)
            VALUES (@SubscriptionId, @EventId, @Sequence, @Attempt, @TriggerKind, @AttemptedAt, @StatusCode, @LatencyMilliseconds,
                    @Response, @Error, @NextAttemptAt)
            """, WebhookDeliveryRow.From(delivery), tx, cancellationToken: ct));

    private sealed record WebhookStateRow
    {
        public string SubscriptionId { get; init; } = "";
        public long Cursor { get; init; }
        public long Attempt { get; init; }
        public long? NextAttemptAt { get; init; }
        public long Generation { get; init; }
        public long UpdatedAt { get; init; }

        public static WebhookStateRow From(WebhookDeliveryState s) => new()
        {
            SubscriptionId = s.SubscriptionId,
            Cursor = s.Cursor,
            Attempt = s.Attempt,
            NextAttemptAt = s.NextAttemptAt?.ToUnixTimeMilliseconds(),
            Generation = s.Generation,
            UpdatedAt = s.UpdatedAt.ToUnixTimeMilliseconds(),
        };

        public WebhookDeliveryState ToState() => new()
        {
            SubscriptionId = SubscriptionId,
            Cursor = Cursor,
            Attempt = (int)Attempt,
            NextAttemptAt = At(NextAttemptAt),
            Generation = Generation,
            UpdatedAt = At(UpdatedAt),
        };
    }

    private sealed record WebhookDeliveryRow
    {
        public long Id { get; init; }
        public string SubscriptionId { get; init; } = "";
        public string EventId { get; init; } = "";
        public long Sequence { get; init; }
        public long Attempt { get; init; }
        public string TriggerKind { get; init; } = "";
        public long AttemptedAt { get; init; }
        public long? StatusCode { get; init; }
        public long LatencyMilliseconds { get; init; }
        public string? Response { get; init; }
        public string? Error { get; init; }
        public long? NextAttemptAt { get; init; }

        public static WebhookDeliveryRow From(WebhookDelivery d) => new()
        {
            SubscriptionId = d.SubscriptionId,
            EventId = d.EventId,
            Sequence = d.Sequence,
            Attempt = d.Attempt,
            TriggerKind = d.Trigger,
            AttemptedAt = d.AttemptedAt.ToUnixTimeMilliseconds(),
            StatusCode = d.StatusCode,
            LatencyMilliseconds = d.LatencyMilliseconds,
            Response = d.Response,
            Error = d.Error,
            NextAttemptAt = d.NextAttemptAt?.ToUnixTimeMilliseconds(),
        };

        public WebhookDelivery ToDelivery() => new()
        {
            Id = Id,
            SubscriptionId = SubscriptionId,
            EventId = EventId,
            Sequence = Sequence,
            Attempt = (int)Attempt,
            Trigger = TriggerKind,
            AttemptedAt = At(AttemptedAt),
            StatusCode = StatusCode is { } code ? (int)code : null,
            LatencyMilliseconds = LatencyMilliseconds,
            Response = Response,
            Error = Error,
            NextAttemptAt = At(NextAttemptAt),
        };
    }
}
