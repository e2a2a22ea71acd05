using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds;

/// <summary>
/// The one envelope of every subscriber channel (FEEDS.md §3): a CloudEvents 1.0 structured JSON event built from an
/// entry of the change log. The same bytes go into a feed page, a webhook body and an AMQP message.
/// </summary>
public static class ChangeEventEnvelope
{
    public const string Source = "urn:integrationhub:records";
    public const string DataSchema = "https://integrationhub.example/schemas/enforcement-action.v1.schema.json";
    public const string SequenceExtension = "seq";

    /// <summary>The content type of one structured-mode event (a webhook body, an AMQP message).</summary>
    public const string MediaType = "application/cloudevents+json";

    /// <summary>The content type of several events in one body: a JSON array of structured-mode events (a batched webhook).</summary>
    public const string BatchMediaType = "application/cloudevents-batch+json";

    private static readonly Uri SourceUri = new(Source);
    private static readonly Uri DataSchemaUri = new(DataSchema);

    // A string, not an Integer attribute: CloudEvents integers are 32-bit and the sequence is a long.
    private static readonly CloudEventAttribute SequenceAttribute =
        CloudEventAttribute.CreateExtension(SequenceExtension, CloudEventAttributeType.String);

    // Relaxed escaping keeps Chinese text (and the '+' of time offsets) readable instead of \uXXXX.
    private static readonly JsonEventFormatter Formatter = new(
        new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
        default);

    /// <summary>The CloudEvents <c>type</c> of a change: <c>cn.gov.enforcement.record.{created|updated|withdrawn|deleted}.v1</c>.</summary>
    public static string EventType(string changeType) => changeType switch
    {
        "created" => "cn.gov.enforcement.record.created.v1",
        "updated" => "cn.gov.enforcement.record.updated.v1",
        "withdrawn" => "cn.gov.enforcement.record.withdrawn.v1",
        "deleted" => "cn.gov.enforcement.record.deleted.v1",
        _ => throw new ArgumentException(
            $"Change type \"{changeType}\" has no event type; expected created, updated, withdrawn or deleted.",
            nameof(changeType)),
    };

    /// <summary>The event as the caller sees it: personal identifiers in <c>data</c> through <paramref name="view"/>.</summary>
    public static CloudEvent ToCloudEvent(ChangeEvent change, PersonalDataView view)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(view);
        return Create(change, SourceUri, EventType(change.Type), DataSchemaUri, new JsonObject
        {
            ["id"] = change.RecordId,
            ["version"] = change.Version,
            ["record"] = ParseRecord(change, view),
        });
    }

    /// <summary>The CloudEvent of one change-log entry, whatever its data: the attributes every subscriber kind shares.</summary>
    internal static CloudEvent Create(ChangeEvent change, Uri source, string type, Uri dataSchema, JsonObject data)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [SequenceAttribute])
        {
            Id = change.EventId,
            Source = source,
            Type = type,
            // Only the record id: CloudEvents attributes must not carry personal data.
            Subject = change.RecordId,
            Time = change.OccurredAt,
            DataContentType = "application/json",
            DataSchema = dataSchema,
            Data = data,
        };
        cloudEvent[SequenceAttribute] = change.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return cloudEvent;
    }

    /// <summary>Structured-mode JSON (<see cref="MediaType"/>) of any event the hub emits.</summary>
    public static byte[] Encode(CloudEvent cloudEvent) =>
        Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();

    /// <summary>The event as UTF-8 JSON bytes (<see cref="MediaType"/>), e.g. a webhook body to sign and send.</summary>
    public static byte[] ToUtf8Bytes(ChangeEvent change, PersonalDataView view) => Encode(ToCloudEvent(change, view));

    /// <summary>The event as a JSON object, e.g. to embed in a feed page.</summary>
    public static JsonObject ToJsonObject(ChangeEvent change, PersonalDataView view) =>
        JsonNode.Parse(ToUtf8Bytes(change, view))!.AsObject();

    private static JsonObject? ParseRecord(ChangeEvent change, PersonalDataView view)
    {
        if (string.IsNullOrWhiteSpace(change.Content))
            return null;

        var record = JsonNode.Parse(change.Content) as JsonObject
            ?? throw new InvalidOperationException(
                $"Change event {change.Sequence} of record {change.RecordId}: the content is not a JSON object.");
        view.Apply(record);
        return record;
    }
}
