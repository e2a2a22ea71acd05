namespace IntegrationHub.Store.Model;

/// <summary>The subscriber channels, as the cursor table, the health API and the telemetry tag <c>hub.feed.channel</c> name them.</summary>
public static class DeliveryChannels
{
    /// <summary>The pull feed and its stream: the subscriber keeps the cursor; the hub remembers the last one it sent.</summary>
    public const string Pull = "pull";

    public const string Webhook = "webhook";

    public const string Amqp = "amqp";
}
