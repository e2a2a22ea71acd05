using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Delivery.Amqp;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Samples;
using RabbitMQ.Client;

namespace IntegrationHub.Integration.Tests.Feeds;

/// <summary>Issue 5 item 4: the AMQP channel, against the real RabbitMQ the test command starts (production stack only).</summary>
public sealed class AmqpChannelTests
{
    private const int BatchSize = 25;

    private static readonly Dictionary<string, string?> FastPublisher = new()
    {
        ["Hub:Amqp:PollInterval"] = "00:00:00.200",
        ["Hub:Amqp:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task ARegionScopedSubscriber_ConsumesOnlyItsRegionsEvents_InOrder_Masked_AndARestartPublishesTheRestWithoutGaps()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Production, 150);
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, sources.ConnectorsDirectory, FastPublisher);
        var (first, second) = (SampleDepartment.All[0], SampleDepartment.All[1]);
        string region;
        await using (var hub = await TestHub.StartAsync(settings))
        {
            await hub.RunAsync(first.Id);
            region = NarrowerRegion(await hub.ReadFeedAsync());
            await hub.CreateSubscriptionAsync("city-justice", new JsonObject { ["regions"] = new JsonArray(region) }, amqp: true);
            // Stop the hub while it is publishing: whatever was not confirmed yet must come after the restart.
            await WaitForMessagesAsync(settings, "city-justice");
        }

        await using var restarted = await TestHub.StartAsync(settings);
        await restarted.RunAsync(second.Id);
        var everything = await restarted.ReadFeedAsync();
        var expected = everything.Where(e => RegionOf(e).StartsWith(region, StringComparison.Ordinal)).Select(e => (string)e["id"]!).ToList();
        Assert.NotEqual(everything.Count, expected.Count);
        var received = await ConsumeUntilAsync(settings, "city-justice", expected.ToHashSet(StringComparer.Ordinal));

        Assert.All(received, m => Assert.StartsWith(region, RegionOf(m.Event), StringComparison.Ordinal));
        var firstDeliveries = received.DistinctBy(m => m.MessageId).ToList();
        Assert.Equal(expected, firstDeliveries.Select(m => m.MessageId).ToList());
        // At least once: only a batch that was not confirmed before the stop may come twice.
        Assert.InRange(received.Count - firstDeliveries.Count, 0, BatchSize);
        Assert.All(received, m =>
        {
            Assert.Equal((string)m.Event["id"]!, m.MessageId);
            Assert.Equal((string)m.Event["type"]!, m.Type);
            Assert.Equal(ChangeEventEnvelope.MediaType, m.ContentType);
            Assert.True(m.Persistent);
        });
        var idNumbers = received.SelectMany(m => m.Event["data"]!["record"]!["counterparts"]?.AsArray() ?? [])
            .Select(c => (string?)c!["idNumber"]).OfType<string>().ToList();
        Assert.NotEmpty(idNumbers);
        Assert.All(idNumbers, n => Assert.Contains("********", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSubscriptionsQueue_IsADurableQuorumQueue_WithADeliveryLimitAndADeadLetterQueue()
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, empty, FastPublisher);
        await using var hub = await TestHub.StartAsync(settings);
        await hub.CreateSubscriptionAsync("provincial", amqp: true);

        var queue = await WaitForQueueAsync(settings, AmqpTopology.QueueName("provincial"));
        var deadLetters = await WaitForQueueAsync(settings, AmqpTopology.DeadLetterQueueName("provincial"));

        Assert.Equal("quorum", (string?)queue["type"]);
        Assert.True((bool)queue["durable"]!);
        Assert.Equal(10, (int)queue["arguments"]!["x-delivery-limit"]!);
        Assert.Equal(AmqpTopology.DeadLetterQueueName("provincial"), (string?)queue["arguments"]!["x-dead-letter-routing-key"]);
        Assert.Equal("quorum", (string?)deadLetters["type"]);
    }

    [Fact]
    public async Task SwitchingAmqpOff_StopsPublishing_AndLeavesTheQueueToDrain()
    {
        await using var sources = await SampleSources.CreateAsync(HubStack.Production, 100);
        await using var settings = await HubSettings.CreateAsync(HubStack.Production, sources.ConnectorsDirectory, FastPublisher);
        await using var hub = await TestHub.StartAsync(settings);
        await hub.RunAsync(SampleDepartment.All[0].Id);
        await hub.CreateSubscriptionAsync("switched", amqp: true);
        var before = (await hub.ReadFeedAsync()).Select(e => (string)e["id"]!).ToHashSet(StringComparer.Ordinal);
        await ConsumeUntilAsync(settings, "switched", before);

        var off = await hub.Client.PutAsJsonAsync("/api/v1/subscriptions/switched", new { name = "暂停的订阅", scope = new { }, amqp = false });
        Assert.Equal(System.Net.HttpStatusCode.OK, off.StatusCode);
        await hub.RunAsync(SampleDepartment.All[1].Id);
        // A subscription created after the switch that has received every event proves the publisher went round since.
        await hub.CreateSubscriptionAsync("sentinel", amqp: true);
        var after = (await hub.ReadFeedAsync()).Select(e => (string)e["id"]!).ToHashSet(StringComparer.Ordinal);
        await ConsumeUntilAsync(settings, "sentinel", after);

        Assert.NotNull(await TestServices.GetQueueAsync(settings.Values["Hub:Bus:VirtualHost"]!, AmqpTopology.QueueName("switched")));
        Assert.Empty(await ConsumeUntilAsync(settings, "switched", []));
    }

    private static string RegionOf(JsonObject cloudEvent) => (string?)cloudEvent["data"]!["record"]!["agency"]!["regionCode"] ?? "";

    /// <summary>A region prefix that some but not all events have: the subscriber's scope.</summary>
    private static string NarrowerRegion(List<JsonObject> events)
    {
        foreach (var length in new[] { 4, 6 })
        {
            var groups = events.GroupBy(e => RegionOf(e)[..Math.Min(length, RegionOf(e).Length)]).OrderByDescending(g => g.Count()).ToList();
            if (groups.Count > 1)
                return groups[0].Key;
        }

        throw new InvalidOperationException("The sample events all have one region code.");
    }

    private sealed record Received(string MessageId, string? Type, string? ContentType, bool Persistent, JsonObject Event);

    private static async Task<IConnection> ConnectAsync(HubSettings settings)
    {
        var factory = new ConnectionFactory
        {
            HostName = TestServices.RabbitHost,
            Port = TestServices.RabbitPort,
            VirtualHost = settings.Values["Hub:Bus:VirtualHost"]!,
            UserName = TestServices.RabbitUser,
            Password = TestServices.RabbitPassword,
        };
        return await factory.CreateConnectionAsync();
    }

    private static async Task WaitForMessagesAsync(HubSettings settings, string subscriptionId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        await using var connection = await ConnectAsync(settings);
        while (DateTime.UtcNow < deadline)
        {
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                if (await channel.MessageCountAsync(AmqpTopology.QueueName(subscriptionId)) > 0)
                    return;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // The queue is not declared yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Nothing was published to {subscriptionId}'s queue in time.");
    }

    private static async Task<List<Received>> ConsumeUntilAsync(HubSettings settings, string subscriptionId, HashSet<string> expected)
    {
        var received = new List<Received>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        // The hub declares a new subscription's queue on its publisher's next round: reading before that is a 404 that closes the channel.
        await WaitForQueueAsync(settings, AmqpTopology.QueueName(subscriptionId));
        await using var connection = await ConnectAsync(settings);
        await using var channel = await connection.CreateChannelAsync();
        while (!expected.IsSubsetOf(seen))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{expected.Count - expected.Intersect(seen).Count()} expected events never arrived.");
            var message = await channel.BasicGetAsync(AmqpTopology.QueueName(subscriptionId), autoAck: false);
            if (message is null)
            {
                await Task.Delay(50);
                continue;
            }

            var body = JsonNode.Parse(Encoding.UTF8.GetString(message.Body.Span))!.AsObject();
            var properties = message.BasicProperties;
            received.Add(new Received(properties.MessageId!, properties.Type, properties.ContentType, properties.Persistent, body));
            seen.Add(properties.MessageId!);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
        }

        // Anything still queued belongs in the assertions too (it must be in scope and a duplicate at most).
        while (await channel.BasicGetAsync(AmqpTopology.QueueName(subscriptionId), autoAck: true) is { } rest)
        {
            var body = JsonNode.Parse(Encoding.UTF8.GetString(rest.Body.Span))!.AsObject();
            received.Add(new Received(rest.BasicProperties.MessageId!, rest.BasicProperties.Type, rest.BasicProperties.ContentType, rest.BasicProperties.Persistent, body));
        }

        return received;
    }

    private static async Task<JsonObject> WaitForQueueAsync(HubSettings settings, string queue)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (await TestServices.GetQueueAsync(settings.Values["Hub:Bus:VirtualHost"]!, queue) is { } found)
                return found;
            await Task.Delay(100);
        }

        throw new TimeoutException($"The hub did not declare {queue} in time.");
    }
}
