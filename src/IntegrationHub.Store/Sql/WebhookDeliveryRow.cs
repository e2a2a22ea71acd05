using System.Data.Common;
using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

/// <summary>A row of the webhook delivery log, shared by the log's queries and the cursor save that appends to it.</summary>
internal sealed record WebhookDeliveryRow
{
    public const string Columns =
        "id AS Id, subscription_id AS SubscriptionId, event_id AS EventId, seq AS Sequence, attempt AS Attempt, trigger_kind AS TriggerKind, " +
        "attempted_at AS AttemptedAt, status_code AS StatusCode, latency_ms AS LatencyMilliseconds, response AS Response, error AS Error, " +
        "next_attempt_at AS NextAttemptAt";

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

    public static Task InsertAsync(DbConnection connection, DbTransaction? tx, WebhookDelivery delivery, CancellationToken ct) =>
        InsertAsync(connection, tx, [delivery], ct);

    /// <summary>Every attempt, in order, with one prepared statement (Dapper runs it once per element).</summary>
    public static Task InsertAsync(DbConnection connection, DbTransaction? tx, IReadOnlyList<WebhookDelivery> deliveries, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (subscription_id, event_id, seq, attempt, trigger_kind, attempted_at, status_code, latency_ms,
                                            response, error, next_attempt_at)
            VALUES (@SubscriptionId, @EventId, @Sequence, @Attempt, @TriggerKind, @AttemptedAt, @StatusCode, @LatencyMilliseconds,
                    @Response, @Error, @NextAttemptAt)
            """, deliveries.Select(From).ToList(), tx, cancellationToken: ct));

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
        AttemptedAt = DateTimeOffset.FromUnixTimeMilliseconds(AttemptedAt),
        StatusCode = StatusCode is { } code ? (int)code : null,
        LatencyMilliseconds = LatencyMilliseconds,
        Response = Response,
        Error = Error,
        NextAttemptAt = NextAttemptAt is { } next ? DateTimeOffset.FromUnixTimeMilliseconds(next) : null,
    };
}
