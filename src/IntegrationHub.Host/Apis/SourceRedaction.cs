using System.Text.Json.Nodes;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// A connector's source configuration as the API may show it: every key (at any depth) that names a credential is
/// left out, and connection strings entirely, since they usually carry a password.
/// </summary>
internal static class SourceRedaction
{
    private static readonly string[] SecretWords = ["password", "passwd", "secret", "token", "apikey", "api_key", "credential", "privatekey"];

    public static JsonObject WithoutSecrets(JsonObject source) => (JsonObject)Redact(source)!;

    public static bool IsSecret(string key) =>
        key.Equals("connectionString", StringComparison.OrdinalIgnoreCase)
        || key.Equals("connection_string", StringComparison.OrdinalIgnoreCase)
        || SecretWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static JsonNode? Redact(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(pair => !IsSecret(pair.Key))
            .Select(pair => KeyValuePair.Create(pair.Key, Redact(pair.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Redact)]),
        _ => node?.DeepClone(),
    };
}
