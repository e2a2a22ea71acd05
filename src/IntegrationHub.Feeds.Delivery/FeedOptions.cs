using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Feeds.Delivery;

/// <summary>The <c>Hub:Feed</c> section: how long the change log keeps events for subscribers.</summary>
public sealed class FeedOptions
{
    /// <summary>
    /// How long change events stay readable by cursor (pull feed, SSE, webhook and AMQP catch-up). A cursor older than
    /// this gets 410 Gone and the subscriber resyncs from the records snapshot. Default 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the worker removes events older than <see cref="Retention"/>. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
}
