using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>The one cursor table, keyed by (subscription, channel): its rules on both stacks, and the migration into it.</summary>
public sealed class DeliveryCursorStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ACursor_StartsOnce_PerSubscriptionAndChannel(HubStack stack)
    {
        await using var store = await CursorStore.CreateAsync(stack);
        var cursors = store.Cursors;

        Assert.Null(await cursors.GetAsync("city-justice", DeliveryChannels.Amqp, None));
        Assert.True(await cursors.StartAsync("city-justice", DeliveryChannels.Amqp, 0, None));
        Assert.False(await cursors.StartAsync("city-justice", DeliveryChannels.Amqp, 90, None));
        Assert.True(await cursors.StartAsync("city-justice", DeliveryChannels.Webhook, 90, None));

        Assert.Equal(0, (await cursors.GetAsync("city-justice", DeliveryChannels.Amqp, None))!.Position);
        Assert.Equal(90, (await cursors.GetAsync("city-justice", DeliveryChannels.Webhook, None))!.Position);
        Assert.Equal([DeliveryChannels.Amqp, DeliveryChannels.Webhook], (await cursors.ListAsync(None)).Select(c => c.Channel));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ADeliveryCursor_MovesForward_AndNeverMovesBack(HubStack stack)
    {
        await using var store = await CursorStore.CreateAsync(stack);
        var cursors = store.Cursors;
        await cursors.StartAsync("city-justice", DeliveryChannels.Amqp, 0, None);
        var read = (await cursors.GetAsync("city-justice", DeliveryChannels.Amqp, None))!;

        Assert.True(await cursors.SaveAsync(read with { Position = 40 }, [], None));
        // A second process that read the cursor at the same time and confirmed an older batch later.
        Assert.False(await cursors.SaveAsync(read with { Position = 25 }, [], None));

        Assert.Equal(40, (await cursors.GetAsync("city-justice", DeliveryChannels.Amqp, None))!.Position);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AnOperatorsRewind_MovesTheCursorBack_ClearsTheFailures_AndFencesOffSavesOfWhatWasReadBefore(HubStack stack)
    {
        await using var store = await CursorStore.CreateAsync(stack);
        var cursors = store.Cursors;
        await cursors.StartAsync("supervision", DeliveryChannels.Webhook, 50, None);
        var read = (await cursors.GetAsync("supervision", DeliveryChannels.Webhook, None))!;
        Assert.True(await cursors.SaveAsync(read with { Attempt = 3, NextAttemptAt = store.Clock.GetUtcNow().AddHours(2) }, [Attempt("supervision", 51)], None));

        Assert.True(await cursors.RewindAsync("supervision", DeliveryChannels.Webhook, 20, None));
        Assert.False(await cursors.SaveAsync(read with { Position = 51 }, [Attempt("supervision", 51)], None));

        var rewound = (await cursors.GetAsync("supervision", DeliveryChannels.Webhook, None))!;
        Assert.Equal((20L, 0, (DateTimeOffset?)null, 1L), (rewound.Position, rewound.Attempt, rewound.NextAttemptAt, rewound.Generation));
        // Both attempts were made, so both are in the delivery log, even the one whose cursor move was refused.
        Assert.Equal(2, (await store.Store.ListWebhookDeliveriesAsync("supervision", null, 10, None)).Count);
        Assert.False(await cursors.RewindAsync("unknown", DeliveryChannels.Webhook, null, None));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task APullReadersPosition_IsTakenAsSent_WithTheTimeItAsked(HubStack stack)
    {
        await using var store = await CursorStore.CreateAsync(stack);
        var cursors = store.Cursors;

        await cursors.RecordReadPositionAsync("reader", DeliveryChannels.Pull, 70, None);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        // The subscriber resynced and reads from an older cursor: that is where it stands.
        await cursors.RecordReadPositionAsync("reader", DeliveryChannels.Pull, 30, None);

        var pull = (await cursors.GetAsync("reader", DeliveryChannels.Pull, None))!;
        Assert.Equal((30L, store.Clock.GetUtcNow()), (pull.Position, pull.UpdatedAt));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task RemovingAWebhooksCursor_ForgetsItsRequestedRedeliveries_ButNotItsLogOrOtherChannels(HubStack stack)
    {
        await using var store = await CursorStore.CreateAsync(stack);
        var cursors = store.Cursors;
        await cursors.StartAsync("supervision", DeliveryChannels.Webhook, 5, None);
        await cursors.StartAsync("supervision", DeliveryChannels.Amqp, 5, None);
        await store.Store.AddWebhookDeliveryAsync(Attempt("supervision", 5), None);
        await store.Store.RequestWebhookRedeliveryAsync("supervision", 5, None);

        await cursors.RemoveAsync("supervision", DeliveryChannels.Webhook, None);

        Assert.Null(await cursors.GetAsync("supervision", DeliveryChannels.Webhook, None));
        Assert.NotNull(await cursors.GetAsync("supervision", DeliveryChannels.Amqp, None));
        Assert.Empty(await store.Store.ListWebhookRedeliveriesAsync("supervision", None));
        Assert.Single(await store.Store.ListWebhookDeliveriesAsync("supervision", null, 10, None));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Migration25_MovesThePullPositionsWebhookStatesAndAmqpCursorsIntoTheOneTable(HubStack stack)
    {
        await using var store = await CursorStore.CreateAsync(stack);
        await using (var connection = await store.Dialect.OpenAsync(None))
        {
            // The store as it was before migration 25, with a cursor of each kind.
            await connection.ExecuteAsync(
                """
                DROP TABLE delivery_cursors;
                DELETE FROM schema_migrations WHERE version = 25;
                CREATE TABLE feed_positions (subscription_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, read_at BIGINT NOT NULL);
                CREATE TABLE webhook_state (subscription_id TEXT PRIMARY KEY, cursor_seq BIGINT NOT NULL, attempt INTEGER NOT NULL,
                    next_attempt_at BIGINT, generation BIGINT NOT NULL, updated_at BIGINT NOT NULL);
                CREATE TABLE amqp_cursors (subscription_id TEXT PRIMARY KEY, sequence BIGINT NOT NULL, updated_at BIGINT NOT NULL);
                INSERT INTO feed_positions VALUES ('reader', 11, 1000);
                INSERT INTO webhook_state VALUES ('hooked', 22, 3, 5000, 2, 2000);
                INSERT INTO amqp_cursors VALUES ('queued', 33, 3000);
                """);
        }

        await store.Store.MigrateAsync(None);

        var cursors = (await store.Cursors.ListAsync(None)).ToDictionary(c => c.SubscriptionId);
        Assert.Equal(3, cursors.Count);
        Assert.Equal(cursors["reader"], new DeliveryCursor { SubscriptionId = "reader", Channel = "pull", Position = 11, UpdatedAt = At(1000) });
        Assert.Equal(cursors["hooked"], new DeliveryCursor
        {
            SubscriptionId = "hooked",
            Channel = "webhook",
            Position = 22,
            Attempt = 3,
            NextAttemptAt = At(5000),
            Generation = 2,
            UpdatedAt = At(2000),
        });
        Assert.Equal(cursors["queued"], new DeliveryCursor { SubscriptionId = "queued", Channel = "amqp", Position = 33, UpdatedAt = At(3000) });
        await using var after = await store.Dialect.OpenAsync(None);
        Assert.Equal(1, await after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations WHERE version = 25"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => after.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM webhook_state"));
    }

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static WebhookDelivery Attempt(string subscriptionId, long sequence) => new()
    {
        SubscriptionId = subscriptionId,
        EventId = "evt-" + sequence,
        Sequence = sequence,
        Attempt = 1,
        Trigger = WebhookDeliveryTriggers.Dispatch,
        AttemptedAt = DateTimeOffset.UnixEpoch,
        StatusCode = 503,
        LatencyMilliseconds = 12,
    };

    /// <summary>A migrated store of its own on one stack, with its cursor table and a clock the test moves.</summary>
    private sealed class CursorStore : IAsyncDisposable
    {
        private readonly HubSettings _settings;

        private CursorStore(HubSettings settings)
        {
            _settings = settings;
            Dialect = settings.OpenStoreDialect();
            Store = new SqlSupervisionStore(Dialect, Clock);
            Cursors = new SqlDeliveryCursors(Dialect, Clock);
        }

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero));

        public StoreDialect Dialect { get; }

        public SqlSupervisionStore Store { get; }

        public SqlDeliveryCursors Cursors { get; }

        public static async Task<CursorStore> CreateAsync(HubStack stack)
        {
            var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
            var store = new CursorStore(await HubSettings.CreateAsync(stack, empty));
            await store.Store.MigrateAsync(None);
            return store;
        }

        public ValueTask DisposeAsync() => _settings.DisposeAsync();
    }
}
