using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Feeds.Delivery.Amqp;
using IntegrationHub.Integration.Tests.Harness;
using RabbitMQ.Client;

namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>
/// A subscriber of everything on both pushed channels: a webhook receiver on loopback and the subscription's AMQP queue
/// on the hub's RabbitMQ virtual host. After a sync each is read until it holds every event of the pull feed (or the
/// patience runs out) and tallied against it (<see cref="ChannelTally"/>).
/// </summary>
public sealed class PushedChannels : IAsyncDisposable
{
    public const string SubscriptionId = "province-supervision";

    private readonly WebhookReceiver _webhook;
    private readonly HubSettings _settings;

    private PushedChannels(WebhookReceiver webhook, HubSettings settings)
    {
        _webhook = webhook;
        _settings = settings;
    }

    public static async Task<PushedChannels> StartAsync(HubSettings settings) => new(await WebhookReceiver.StartAsync(), settings);

    /// <summary>
    /// The subscription (whole scope, AMQP on) and its webhook, made before any event exists. A webhook starts at the
    /// newest event when the delivering worker first sees it: this waits for that, so both channels start at the beginning.
    /// </summary>
    public async Task SubscribeAsync(HttpClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var created = await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new JsonObject { ["id"] = SubscriptionId, ["name"] = "省司法厅 执法监督平台", ["kind"] = "records", ["scope"] = new JsonObject(), ["amqp"] = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = await admin.PutAsJsonAsync($"/api/v1/subscriptions/{SubscriptionId}/webhook", new JsonObject { ["url"] = _webhook.Url.ToString() });
        Assert.Equal(HttpStatusCode.Created, webhook.StatusCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            await using (var store = await _settings.OpenStoreDialect().OpenAsync(CancellationToken.None))
            {
                if (await store.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM delivery_cursors WHERE subscription_id = @id AND channel = 'webhook'",
                        new { id = SubscriptionId }) > 0)
                    return;
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("No worker started delivering the webhook within a minute.");
            await Task.Delay(100);
        }
    }

    /// <summary>The event ids the pull feed holds: what each pushed channel must deliver.</summary>
    public static async Task<HashSet<string>> FeedIdsAsync(HttpClient admin) =>
        (await admin.ReadWholeFeedAsync()).Select(e => e["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

    public async Task<ChannelTally> WebhookAsync(IReadOnlySet<string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var deadline = DateTime.UtcNow + FaultCampaign.Patience;
        while (!expected.IsSubsetOf(_webhook.Received.Select(r => r.Headers.Id)) && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        // A little longer: a duplicate still under way would otherwise escape the tally.
        await Task.Delay(TimeSpan.FromSeconds(1));
        return ChannelTally.Of("webhook", [.. _webhook.Received.Select(r => r.Headers.Id)], expected);
    }

    public async Task<ChannelTally> AmqpAsync(IReadOnlySet<string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var virtualHost = _settings.Values["Hub:Bus:VirtualHost"]!;
        var queue = AmqpTopology.QueueName(SubscriptionId);
        var deadline = DateTime.UtcNow + FaultCampaign.Patience;
        while (await TestServices.GetQueueAsync(virtualHost, queue) is null)
        {
            if (DateTime.UtcNow > deadline)
                return new ChannelTally("amqp", 0, expected.Count, 0, 0);
            await Task.Delay(200);
        }

        var factory = new ConnectionFactory
        {
            HostName = TestServices.RabbitHost,
            Port = TestServices.RabbitPort,
            VirtualHost = virtualHost,
            UserName = TestServices.RabbitUser,
            Password = TestServices.RabbitPassword,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (seen.Count < expected.Count && DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is not { } message)
            {
                await Task.Delay(100);
                continue;
            }

            var id = message.BasicProperties.MessageId!;
            ids.Add(id);
            if (expected.Contains(id))
                seen.Add(id);
        }

        // Whatever is still queued counts too (a duplicate at most, or an event the feed does not have).
        await Task.Delay(TimeSpan.FromSeconds(1));
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } rest)
            ids.Add(rest.BasicProperties.MessageId!);
        return ChannelTally.Of("amqp", ids, expected);
    }

    public async ValueTask DisposeAsync() => await _webhook.DisposeAsync();
}
