using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds;

/// <summary>
/// The event a subscriber receives for a change, on every channel (pull feed, SSE, webhook, AMQP): the canonical change
/// event for a <c>records</c> subscription, the 双公示 event for a <c>credit-publicity</c> one — with identifiers as the
/// subscriber may see them. Null means "nothing for this subscriber": the change is skipped, and its cursor moves on.
/// </summary>
public static class SubscriberEnvelope
{
    /// <summary>Every CloudEvents type the hub emits to subscribers (the AsyncAPI document must list each).</summary>
    public static IReadOnlyList<string> EventTypes { get; } =
        [.. new[] { "created", "updated", "withdrawn", "deleted" }.Select(ChangeEventEnvelope.EventType), .. CreditPublicityEnvelope.EventTypes];

    /// <summary>
    /// The scope to read the change log with: the access's scope, narrowed to penalties and licences for a
    /// credit-publicity subscription (so the limit counts only changes that can publish). Null: nothing can match.
    /// </summary>
    public static FeedScope? ReadScope(FeedAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.Kind == SubscriptionKinds.CreditPublicity
            ? access.Scope?.Narrow(new FeedScope { Categories = CreditPublicityEnvelope.Categories })
            : access.Scope;
    }

    public static CloudEvent? ToCloudEvent(ChangeEvent change, FeedAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return access.Kind == SubscriptionKinds.CreditPublicity
            ? CreditPublicityEnvelope.ToCloudEvent(change, access.View)
            : ChangeEventEnvelope.ToCloudEvent(change, access.View);
    }

    /// <summary>The event with its encoded body, as every channel sends it; null when it carries nothing for this subscriber.</summary>
    public static SubscriberEvent? ToEvent(ChangeEvent change, FeedAccess access) =>
        ToCloudEvent(change, access) is { } cloudEvent ? new SubscriberEvent(change, cloudEvent.Type!, ChangeEventEnvelope.Encode(cloudEvent)) : null;

    /// <summary>The event as UTF-8 JSON (<see cref="ChangeEventEnvelope.MediaType"/>): a webhook body or an AMQP message.</summary>
    public static byte[]? ToUtf8Bytes(ChangeEvent change, FeedAccess access) =>
        ToCloudEvent(change, access) is { } cloudEvent ? ChangeEventEnvelope.Encode(cloudEvent) : null;

    /// <summary>The event as a JSON object, for a feed page.</summary>
    public static JsonObject? ToJsonObject(ChangeEvent change, FeedAccess access) =>
        ToUtf8Bytes(change, access) is { } bytes ? JsonNode.Parse(bytes)!.AsObject() : null;
}
