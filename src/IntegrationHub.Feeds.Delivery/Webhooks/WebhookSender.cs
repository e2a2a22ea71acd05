using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Contracts.Telemetry;
using IntegrationHub.Feeds.Webhooks;
using IntegrationHub.Store.Model;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Feeds.Delivery.Webhooks;

/// <summary>
/// Makes one delivery attempt of one event, or of a batch of events, to a subscription's webhook
/// (<see cref="WebhookPost"/>): the subscriber's envelopes (identifiers masked for the subscription,
/// <see cref="FeedAccess.Pushed"/>), signed (Standard Webhooks) with every current secret, POSTed through the egress
/// policy's handler (checked at connect time, no proxy, no redirects) within the timeout.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>How much of a receiver's answer the delivery log keeps.</summary>
    public const int MaxResponseBytes = 1024;

    private readonly HttpClient _client;
    private readonly WebhookSecrets _secrets;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _timeout;

    public WebhookSender(IOptions<WebhookOptions> options, WebhookSecrets secrets, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = options.Value.Policy().CreateHandler();
        // Connections are re-made (and their addresses checked again) at least this often.
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2);
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _secrets = secrets;
        _clock = clock;
        _timeout = options.Value.Timeout;
    }

    /// <summary>One attempt to deliver the event, shaped as the subscription's webhook receives events (alone, or in a batch of one).</summary>
    public Task<WebhookAttempt> SendAsync(Subscription subscription, SubscriberEvent subscriberEvent, int attempt, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(subscriberEvent);
        // The same shape as the channel's own requests: one definition of "batched" (WebhookPost.Split).
        var post = WebhookPost.Split([subscriberEvent], subscription.Webhook?.MaxEventsPerRequest ?? 1, int.MaxValue).Single();
        return SendAsync(subscription, post, attempt, trigger, ct);
    }

    /// <summary>
    /// One attempt to deliver the events of <paramref name="post"/>; the attempt's log entry names its first event (the
    /// one the cursor's failed attempts count).
    /// </summary>
    public async Task<WebhookAttempt> SendAsync(Subscription subscription, WebhookPost post, int attempt, string trigger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(post);
        var webhook = subscription.Webhook ?? throw new InvalidOperationException($"Subscription {subscription.Id} has no webhook.");
        var change = post.First.Change;

        // The delivery joins the trace of the batch that made the (first) change (its context is kept in the change log).
        using var span = HubTelemetry.StartFeedDelivery(subscription.Id, HubTelemetry.ParentOf(change.TraceParent));
        span?.SetTag(HubTelemetry.ChannelTag, DeliveryChannels.Webhook);
        span?.SetTag("hub.feed.event_id", change.EventId);
        span?.SetTag("hub.feed.events", post.Events.Count);
        var result = await PostAsync(subscription, webhook, post, attempt, trigger, ct).ConfigureAwait(false);
        var outcome = result.Succeeded ? "delivered" : result.Gone ? "gone" : "failed";
        span?.SetTag("hub.feed.outcome", outcome);
        span?.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Delivery.Error);
        HubTelemetry.FeedDelivered.Add(post.Events.Count, new(HubTelemetry.SubscriptionTag, subscription.Id), new(HubTelemetry.ChannelTag, DeliveryChannels.Webhook), new("hub.feed.outcome", outcome));
        if (result.Succeeded)
        {
            var now = _clock.GetUtcNow();
            foreach (var delivered in post.Events)
                HubTelemetry.FeedDeliveryLatency.Record((now - delivered.Change.OccurredAt).TotalSeconds, new KeyValuePair<string, object?>(HubTelemetry.SubscriptionTag, subscription.Id));
        }

        return result;
    }

    private async Task<WebhookAttempt> PostAsync(Subscription subscription, WebhookChannel webhook, WebhookPost post, int attempt, string trigger, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new ByteArrayContent(post.Body),
            Version = System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(post.ContentType) { CharSet = "utf-8" };
        post.Headers(now, _secrets.Signing(webhook)).ApplyTo(request.Headers);

        int? status = null;
        string? response = null, error = null;
        TimeSpan? retryAfter = null;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_timeout);
        try
        {
            using var answer = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)answer.StatusCode;
            retryAfter = RetryAfter.From(answer.Headers.RetryAfter, _clock.GetUtcNow());
            response = await ReadStartAsync(answer.Content, timeout.Token).ConfigureAwait(false);
            if (!answer.IsSuccessStatusCode)
                error = $"the receiver answered {status} {answer.ReasonPhrase}".TrimEnd();
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"no answer within {_timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException exception)
        {
            error = exception.InnerException is EgressRefusedException refused ? refused.Message : exception.Message;
        }

        var delivery = new WebhookDelivery
        {
            SubscriptionId = subscription.Id,
            EventId = post.First.Id,
            Sequence = post.First.Sequence,
            Attempt = attempt,
            Trigger = trigger,
            AttemptedAt = now,
            StatusCode = status,
            LatencyMilliseconds = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Response = response,
            Error = error,
        };
        return new WebhookAttempt(delivery, retryAfter);
    }

    private static async Task<string?> ReadStartAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[MaxResponseBytes];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
            if (n == 0)
                break;
            read += n;
        }

        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose() => _client.Dispose();
}
