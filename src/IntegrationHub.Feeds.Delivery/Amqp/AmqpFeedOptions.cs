using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Feeds.Delivery.Amqp;

/// <summary>
/// The <c>Hub:Amqp</c> section: the AMQP channel for subscribers, on the hub's own RabbitMQ (<c>Hub:Bus</c>); only
/// when <c>Hub:Bus:Transport</c> is <c>rabbitmq</c>.
/// </summary>
public sealed class AmqpFeedOptions
{
    public const string Section = "Hub:Amqp";

    /// <summary>The durable topic exchange the hub publishes subscriber events to. Default <c>integrationhub.feed</c>.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9._:-]{1,200}$", ErrorMessage = "Hub:Amqp:Exchange must be 1–200 letters, digits, '.', '_', ':' or '-'.")]
    public string Exchange { get; set; } = "integrationhub.feed";

    /// <summary>
    /// How often a message may be returned to a subscriber's queue (rejected or its consumer gone) before RabbitMQ
    /// moves it to the subscription's dead-letter queue <c>sub.{id}.dlq</c>. Default 10.
    /// </summary>
    [Range(1, 1000)]
    public int DeliveryLimit { get; set; } = 10;

    /// <summary>Events published per subscription before the cursor moves (all confirmed first). Default 200.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long the publisher waits when no subscription had anything new. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the publisher waits before connecting again after RabbitMQ failed. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}
