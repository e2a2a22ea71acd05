using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

/// <summary>
/// The cursor table <c>delivery_cursors</c>, keyed by (subscription, channel), for SQLite and PostgreSQL alike. Every
/// write that moves a delivery cursor is conditional on its generation and on not moving back, so two processes that
/// both believe they deliver a channel (a lease that just changed hands) cannot undo each other's progress.
/// </summary>
public sealed class SqlDeliveryCursors(StoreDialect dialect, TimeProvider clock) : IDeliveryCursors
{
    private const string Columns =
        "subscription_id AS SubscriptionId, channel AS Channel, seq AS Position, attempt AS Attempt, next_attempt_at AS NextAttemptAt, " +
        "generation AS Generation, updated_at AS UpdatedAt";

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<DeliveryCursor?> GetAsync(string subscriptionId, string channel, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<CursorRow>(new CommandDefinition(
            $"SELECT {Columns} FROM delivery_cursors WHERE subscription_id = @subscriptionId AND channel = @channel",
            new { subscriptionId, channel }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToCursor();
    }

    public async Task<IReadOnlyList<DeliveryCursor>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<CursorRow>(new CommandDefinition(
            $"SELECT {Columns} FROM delivery_cursors ORDER BY subscription_id, channel", cancellationToken: ct)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToCursor())];
    }

    public async Task<bool> StartAsync(string subscriptionId, string channel, long position, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        return await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO delivery_cursors (subscription_id, channel, seq, attempt, next_attempt_at, generation, updated_at)
            VALUES (@subscriptionId, @channel, @position, 0, NULL, 0, @now)
            ON CONFLICT (subscription_id, channel) DO NOTHING
            """, new { subscriptionId, channel, position, now = Now }, ct).ConfigureAwait(false) > 0;
    }

    public async Task<bool> SaveAsync(DeliveryCursor cursor, IReadOnlyList<WebhookDelivery> attempts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(attempts);
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        // The attempts happened whether or not the cursor may move: the log keeps them either way.
        if (attempts.Count > 0)
            await WebhookDeliveryRow.InsertAsync(connection, tx, attempts, ct).ConfigureAwait(false);
        var saved = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE delivery_cursors SET seq = @Position, attempt = @Attempt, next_attempt_at = @NextAttemptAt, updated_at = @now
            WHERE subscription_id = @SubscriptionId AND channel = @Channel AND generation = @Generation AND seq <= @Position
            """, new
            {
                cursor.SubscriptionId,
                cursor.Channel,
                cursor.Position,
                cursor.Attempt,
                NextAttemptAt = cursor.NextAttemptAt?.ToUnixTimeMilliseconds(),
                cursor.Generation,
                now = Now,
            }, tx, cancellationToken: ct)).ConfigureAwait(false) > 0;
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return saved;
    }

    public async Task RecordReadPositionAsync(string subscriptionId, string channel, long position, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO delivery_cursors (subscription_id, channel, seq, attempt, next_attempt_at, generation, updated_at)
            VALUES (@subscriptionId, @channel, @position, 0, NULL, 0, @now)
            ON CONFLICT (subscription_id, channel) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at
            """, new { subscriptionId, channel, position, now = Now }, ct).ConfigureAwait(false);
    }

    public async Task<bool> RewindAsync(string subscriptionId, string channel, long? toPosition, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        return await dialect.ExecuteWriteAsync(connection,
            """
            UPDATE delivery_cursors
            SET seq = CASE WHEN @toPosition IS NOT NULL AND seq > @toPosition THEN @toPosition ELSE seq END,
                attempt = 0, next_attempt_at = NULL, generation = generation + 1, updated_at = @now
            WHERE subscription_id = @subscriptionId AND channel = @channel
            """, new { subscriptionId, channel, toPosition, now = Now }, ct).ConfigureAwait(false) > 0;
    }

    public async Task RemoveAsync(string subscriptionId, string channel, CancellationToken ct)
    {
        await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM delivery_cursors WHERE subscription_id = @subscriptionId AND channel = @channel",
            new { subscriptionId, channel }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (channel == DeliveryChannels.Webhook)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM webhook_redeliveries WHERE subscription_id = @subscriptionId", new { subscriptionId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }

        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private sealed record CursorRow
    {
        public string SubscriptionId { get; init; } = "";
        public string Channel { get; init; } = "";
        public long Position { get; init; }
        public long Attempt { get; init; }
        public long? NextAttemptAt { get; init; }
        public long Generation { get; init; }
        public long UpdatedAt { get; init; }

        public DeliveryCursor ToCursor() => new()
        {
            SubscriptionId = SubscriptionId,
            Channel = Channel,
            Position = Position,
            Attempt = (int)Attempt,
            NextAttemptAt = NextAttemptAt is { } next ? DateTimeOffset.FromUnixTimeMilliseconds(next) : null,
            Generation = Generation,
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt),
        };
    }
}
