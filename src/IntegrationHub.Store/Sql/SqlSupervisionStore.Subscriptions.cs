using System.Text.Json;
using Dapper;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Sql;

public sealed partial class SqlSupervisionStore
{
    private static readonly JsonSerializerOptions SubscriptionJson = new(JsonSerializerDefaults.Web);

    private const string SubscriptionColumns =
        "id AS Id, name AS Name, kind AS Kind, scope AS Scope, filter AS Filter, webhook AS Webhook, amqp AS Amqp, " +
        "created_at AS CreatedAt, updated_at AS UpdatedAt";

    public async Task<bool> AddSubscriptionAsync(Subscription subscription, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await dialect.ExecuteWriteAsync(connection,
            """
            INSERT INTO subscriptions (id, name, kind, scope, filter, webhook, amqp, created_at, updated_at)
            SELECT @Id, @Name, @Kind, @Scope, @Filter, @Webhook, @Amqp, @CreatedAt, @UpdatedAt
            WHERE NOT EXISTS (SELECT 1 FROM subscriptions WHERE id = @Id)
            """, SubscriptionRow.From(subscription), ct).ConfigureAwait(false) > 0;
    }

    public async Task<Subscription?> GetSubscriptionAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM subscriptions WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return row?.ToSubscription();
    }

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM subscriptions ORDER BY id", cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToSubscription()).ToList();
    }

    public async Task<bool> UpdateSubscriptionAsync(Subscription subscription, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        return await dialect.ExecuteWriteAsync(connection,
            """
            UPDATE subscriptions SET name = @Name, kind = @Kind, scope = @Scope, filter = @Filter, webhook = @Webhook,
                   amqp = @Amqp, updated_at = @UpdatedAt
            WHERE id = @Id
            """, SubscriptionRow.From(subscription), ct).ConfigureAwait(false) > 0;
    }

    public async Task<bool> RemoveSubscriptionAsync(string id, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var write = await dialect.BeginWriteAsync(connection, ct).ConfigureAwait(false);
        var tx = write.Transaction;
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM subscriptions WHERE id = @id", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false) > 0;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE subscription_id = @id AND revoked_at IS NULL",
            new { id, now = Now }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return removed;
    }

    private sealed record SubscriptionRow
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Scope { get; init; } = "{}";
        public string Filter { get; init; } = "{}";
        public string? Webhook { get; init; }
        public long Amqp { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }

        public static SubscriptionRow From(Subscription s) => new()
        {
            Id = s.Id,
            Name = s.Name,
            Kind = s.Kind,
            Scope = JsonSerializer.Serialize(s.Scope, SubscriptionJson),
            Filter = JsonSerializer.Serialize(s.Filter, SubscriptionJson),
            Webhook = s.Webhook is null ? null : JsonSerializer.Serialize(s.Webhook, SubscriptionJson),
            Amqp = s.Amqp ? 1 : 0,
            CreatedAt = s.CreatedAt.ToUnixTimeMilliseconds(),
            UpdatedAt = s.UpdatedAt.ToUnixTimeMilliseconds(),
        };

        public Subscription ToSubscription() => new()
        {
            Id = Id,
            Name = Name,
            Kind = Kind,
            Scope = JsonSerializer.Deserialize<FeedScope>(Scope, SubscriptionJson) ?? FeedScope.Everything,
            Filter = JsonSerializer.Deserialize<FeedScope>(Filter, SubscriptionJson) ?? FeedScope.Everything,
            Webhook = Webhook is null ? null : JsonSerializer.Deserialize<WebhookChannel>(Webhook, SubscriptionJson),
            Amqp = Amqp != 0,
            CreatedAt = At(CreatedAt),
            UpdatedAt = At(UpdatedAt),
        };
    }
}
