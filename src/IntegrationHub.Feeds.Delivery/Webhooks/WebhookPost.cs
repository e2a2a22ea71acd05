using IntegrationHub.Feeds.Webhooks;

namespace IntegrationHub.Feeds.Delivery.Webhooks;

/// <summary>
/// What one POST to a webhook carries: one event as a CloudEvents object, its <c>webhook-id</c> the event id; or, for an
/// endpoint set to receive batches, consecutive events as a CloudEvents batch (a JSON array, even of one), its
/// <c>webhook-id</c> the first and the last event id joined by <c>_</c> (a single event's own id) — so the same events
/// always go under the same id, and a retry that carries more events than the attempt before it goes under another.
/// </summary>
public sealed record WebhookPost(string MessageId, string ContentType, byte[] Body, IReadOnlyList<SubscriberEvent> Events)
{
    private static WebhookPost Single(SubscriberEvent subscriberEvent)
    {
        ArgumentNullException.ThrowIfNull(subscriberEvent);
        return new(subscriberEvent.Id, ChangeEventEnvelope.MediaType, subscriberEvent.Body, [subscriberEvent]);
    }

    private static WebhookPost Batch(IReadOnlyList<SubscriberEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            throw new ArgumentException("A batch carries at least one event.", nameof(events));
        var body = new byte[BatchLength(events)];
        var at = 0;
        body[at++] = (byte)'[';
        foreach (var subscriberEvent in events)
        {
            if (at > 1)
                body[at++] = (byte)',';
            subscriberEvent.Body.CopyTo(body, at);
            at += subscriberEvent.Body.Length;
        }

        body[at] = (byte)']';
        var id = events.Count == 1 ? events[0].Id : $"{events[0].Id}_{events[^1].Id}";
        return new(id, ChangeEventEnvelope.BatchMediaType, body, events);
    }

    /// <summary>
    /// Splits a page into requests in order: one event each; or, batched, up to <paramref name="maxEvents"/> a request
    /// and no more than <paramref name="maxBytes"/> a body (an event larger than that alone still goes, alone).
    /// </summary>
    public static IEnumerable<WebhookPost> Split(IReadOnlyList<SubscriberEvent> events, int maxEvents, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (maxEvents <= 1)
        {
            foreach (var subscriberEvent in events)
                yield return Single(subscriberEvent);
            yield break;
        }

        var start = 0;
        while (start < events.Count)
        {
            var end = start + 1;
            var length = 2 + events[start].Body.Length;
            while (end < events.Count && end - start < maxEvents && length + 1 + events[end].Body.Length <= maxBytes)
                length += 1 + events[end++].Body.Length;
            yield return Batch([.. events.Skip(start).Take(end - start)]);
            start = end;
        }
    }

    private static int BatchLength(IReadOnlyList<SubscriberEvent> events) =>
        2 + events.Sum(e => e.Body.Length) + events.Count - 1;

    public SubscriberEvent First => Events[0];

    public SubscriberEvent Last => Events[^1];

    /// <summary>How the delivery log and a disable reason name what was sent: the event, or the events of the batch.</summary>
    public string Describe() => Events.Count == 1
        ? $"event {First.Id} (seq {First.Sequence})"
        : $"the batch of {Events.Count} events {First.Id} … {Last.Id} (seq {First.Sequence}–{Last.Sequence})";

    /// <summary>Signs the body for these secrets at <paramref name="now"/>.</summary>
    public WebhookHeaders Headers(DateTimeOffset now, IReadOnlyList<WebhookSecret> secrets) => WebhookSigner.Headers(MessageId, now, Body, secrets);
}
