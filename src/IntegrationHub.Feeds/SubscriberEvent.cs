using System.Text.Json.Nodes;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds;

/// <summary>
/// One change as a subscriber receives it: the change-log entry, and its envelope (<see cref="SubscriberEnvelope"/>)
/// encoded once — the bytes of a webhook body, an AMQP message and a feed item alike.
/// </summary>
public sealed record SubscriberEvent(ChangeEvent Change, string Type, byte[] Body)
{
    /// <summary>The CloudEvents <c>id</c>: the hub's event id, the same on every channel and every retry.</summary>
    public string Id => Change.EventId;

    public long Sequence => Change.Sequence;

    /// <summary>The event as a JSON object, for a feed page or an SSE item.</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(Body)!.AsObject();
}
