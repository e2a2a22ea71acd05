namespace IntegrationHub.Feeds.Channels;

/// <summary>The ownership of a hub with one worker process: every delivery is its own.</summary>
public sealed class SingleWorkerOwnership : IDeliveryOwnership
{
    public ValueTask<bool> IsMineAsync(string subscriptionId, string channel, CancellationToken ct) => ValueTask.FromResult(true);
}
