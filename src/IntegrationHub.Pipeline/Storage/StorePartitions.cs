using System.Text;

namespace IntegrationHub.Pipeline.Storage;

/// <summary>
/// The store writer's queues: a connector's batches always go to the same partition, whose single consumer commits them
/// in the order they were sent; different partitions commit in parallel (on PostgreSQL; SQLite has one writer anyway).
/// </summary>
public sealed class StorePartitions
{
    public StorePartitions(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Count = count;
    }

    public int Count { get; }

    public static string QueueName(int partition) => $"hub-store-{partition}";

    public int PartitionOf(string connectorId)
    {
        ArgumentNullException.ThrowIfNull(connectorId);
        // FNV-1a over the UTF-8 id: the same partition in every process and every version (string.GetHashCode is not).
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(connectorId))
            hash = (hash ^ b) * 16777619u;
        return (int)(hash % (uint)Count);
    }

    /// <summary>
    /// Where a connector's batches are sent: the exchange in front of its partition's queue. (Sending to the queue itself
    /// would declare it, and on RabbitMQ without the single-active-consumer argument its receive endpoint gives it.)
    /// </summary>
    public Uri AddressOf(string connectorId) => new($"exchange:{QueueName(PartitionOf(connectorId))}");
}
