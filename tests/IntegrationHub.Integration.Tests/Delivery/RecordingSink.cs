using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Channels;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Delivery;

/// <summary>
/// A channel that keeps what it is given, for tests of the engine itself: every batch it receives, in order. By default
/// each batch is delivered as a whole; <see cref="OnBatch"/> replaces that with what a test needs (a failure, a crash).
/// </summary>
public sealed class RecordingSink(int batchSize = 3) : IChannelSink
{
    public const string Name = "recording";

    public List<IReadOnlyList<SubscriberEvent>> Batches { get; } = [];

    public IEnumerable<SubscriberEvent> Received => Batches.SelectMany(b => b);

    /// <summary>What happens to a batch after it is recorded; null: it is delivered.</summary>
    public Func<IReadOnlyList<SubscriberEvent>, DeliveryProgress, Task<bool>>? OnBatch { get; set; }

    public string Channel => Name;

    public int BatchSize(Subscription subscription) => batchSize;

    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);

    public TimeSpan RetryAfterFailure => TimeSpan.Zero;

    public CursorStart Start => CursorStart.OldestKept;

    public bool Delivers(Subscription subscription) => subscription.Amqp;

    public Task PrepareAsync(Subscription subscription, FeedAccess access, CancellationToken ct) => Task.CompletedTask;

    public Task<bool> DeliverAsync(Subscription subscription, IReadOnlyList<SubscriberEvent> events, DeliveryProgress progress, CancellationToken ct)
    {
        Batches.Add(events);
        return OnBatch?.Invoke(events, progress) ?? Task.FromResult(true);
    }
}
