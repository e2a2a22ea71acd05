using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Host.Apis;

/// <summary>JSON kept as text in the store, embedded in responses as JSON (not as an escaped string).</summary>
internal static class StoredJson
{
    public static JsonObject Object(string json) =>
        JsonNode.Parse(json) as JsonObject
        ?? throw new InvalidOperationException("Stored canonical content is not a JSON object.");

    /// <summary>A source payload: the object when it is one, otherwise the text as a JSON string.</summary>
    public static JsonNode Payload(string raw)
    {
        try
        {
            if (JsonNode.Parse(raw) is JsonObject payload)
                return payload;
        }
        catch (JsonException)
        {
            // Not JSON: shown as the text it is.
        }

        return JsonValue.Create(raw);
    }
}
