namespace IntegrationHub.Host.Configuration;

public sealed class BusOptions
{
    /// <summary><c>inmemory</c> (default, in this process only) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = "inmemory";

    public string Host { get; set; } = "127.0.0.1";

    public ushort Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    /// <summary>
    /// Store writer queues (<c>hub-store-0</c> …): each connector's batches go to one of them and commit in order, the
    /// partitions in parallel. Default 4 on PostgreSQL, 1 on SQLite (one writer anyway). Change it only with the
    /// queues drained: a connector may move to another partition.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 64)]
    public int? StorePartitions { get; set; }
}
