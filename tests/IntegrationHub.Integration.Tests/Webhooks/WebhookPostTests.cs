using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Delivery.Webhooks;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Webhooks;

/// <summary>How a page of events becomes webhook requests: alone, or batches bounded by count and body size.</summary>
public sealed class WebhookPostTests
{
    [Fact]
    public void OneEventARequest_SendsEachEventAsItIs_UnderItsOwnId()
    {
        var events = Events(3, 100);

        var posts = WebhookPost.Split(events, 1, 1_000_000).ToList();

        Assert.Equal(events.Select(e => e.Id), posts.Select(p => p.MessageId));
        Assert.All(posts, p => Assert.Equal(ChangeEventEnvelope.MediaType, p.ContentType));
        Assert.Equal(events.Select(e => e.Body), posts.Select(p => p.Body));
    }

    [Fact]
    public void Batches_TakeConsecutiveEventsUpToTheCountAndTheSize_AsAJsonArray_AndAnEventOverTheSizeGoesAlone()
    {
        // Bodies of 100 bytes: four fit in 2 + 4 × 100 + 3 = 405 bytes, a fifth would not.
        var events = Events(11, 100);
        events.Insert(5, Event(99, 1_000));

        var posts = WebhookPost.Split(events, 10, 405).ToList();

        Assert.Equal([4, 1, 1, 4, 2], posts.Select(p => p.Events.Count));
        Assert.Equal(events.Select(e => e.Id), posts.SelectMany(p => JsonNode.Parse(p.Body)!.AsArray().Select(e => e!["id"]!.GetValue<string>())));
        Assert.All(posts, p => Assert.Equal(ChangeEventEnvelope.BatchMediaType, p.ContentType));
        Assert.All(posts.Where(p => p.Events.Count > 1), p => Assert.True(p.Body.Length <= 405, $"{p.Body.Length} bytes"));
        Assert.Equal($"{events[0].Id}_{events[3].Id}", posts[0].MessageId);
        Assert.Equal(events[4].Id, posts[1].MessageId);
        Assert.Equal([3, 3, 3, 3], WebhookPost.Split(events, 3, 1_000_000).Select(p => p.Events.Count));
    }

    private static List<SubscriberEvent> Events(int count, int bodyBytes) =>
        [.. Enumerable.Range(1, count).Select(i => Event(i, bodyBytes))];

    private static SubscriberEvent Event(long sequence, int bodyBytes)
    {
        var id = $"00000000-0000-0000-0000-{sequence:D12}";
        var prefix = $"{{\"id\":\"{id}\",\"pad\":\"";
        var body = Encoding.UTF8.GetBytes(prefix + new string('x', bodyBytes - prefix.Length - 2) + "\"}");
        var change = new ChangeEvent
        {
            Sequence = sequence,
            EventId = id,
            RecordId = $"rec-{sequence}",
            Version = 1,
            Type = "created",
            OccurredAt = DateTimeOffset.UnixEpoch,
            Content = "{}",
        };
        return new SubscriberEvent(change, ChangeEventEnvelope.EventType("created"), body);
    }
}
