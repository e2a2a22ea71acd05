using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Connectors;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Host.Connectors;

/// <summary>
/// The secrets of connector configurations (the settings a kind's schema marks <c>writeOnly</c>): encrypted at rest with
/// ASP.NET Core Data Protection (key ring in the data directory), masked in every API answer, kept when an update sends
/// the mask back. A value that is only an environment reference (<c>${DB_PASSWORD}</c>) is not a secret itself: it is
/// stored and shown as written, and resolved when the connector runs.
/// </summary>
public sealed partial class ConnectorSecrets(IDataProtectionProvider provider)
{
    public const string Mask = "********";
    private const string EncryptedPrefix = "enc:v1:";

    private readonly IDataProtector _protector = provider.CreateProtector("IntegrationHub.ConnectorSecrets.v1");

    /// <summary>A copy of the source whose secret values are encrypted (for the store).</summary>
    public JsonObject Protect(ConnectorSpec spec, JsonObject source) =>
        Transform(spec, source, value => IsReference(value) || value.StartsWith(EncryptedPrefix, StringComparison.Ordinal)
            ? value
            : EncryptedPrefix + _protector.Protect(value));

    /// <summary>A copy of the source whose encrypted values are decrypted (for the connector, in memory only).</summary>
    public JsonObject Unprotect(ConnectorSpec spec, JsonObject source) =>
        Transform(spec, source, value => value.StartsWith(EncryptedPrefix, StringComparison.Ordinal)
            ? _protector.Unprotect(value[EncryptedPrefix.Length..])
            : value);

    /// <summary>A copy of the source whose secret values are replaced by the mask (for API answers and logs).</summary>
    public static JsonObject Masked(ConnectorSpec spec, JsonObject source) =>
        Transform(spec, source, value => IsReference(value) ? value : Mask);

    /// <summary>
    /// The incoming source of an update, where a secret sent back as the mask (or left out) keeps its current value.
    /// </summary>
    public static JsonObject KeepUnchanged(ConnectorSpec spec, JsonObject incoming, JsonObject current)
    {
        var merged = (JsonObject)incoming.DeepClone();
        foreach (var path in spec.SecretPaths)
        {
            var sent = Get(merged, path);
            var isMask = sent is JsonValue v && v.TryGetValue<string>(out var text) && text == Mask;
            if ((sent is null || isMask) && Get(current, path) is { } kept)
                Set(merged, path, kept.DeepClone());
        }

        return merged;
    }

    private static bool IsReference(string value) => EnvironmentReference().IsMatch(value);

    private static JsonObject Transform(ConnectorSpec spec, JsonObject source, Func<string, string> change)
    {
        var copy = (JsonObject)source.DeepClone();
        foreach (var path in spec.SecretPaths)
        {
            if (Get(copy, path) is JsonValue value && value.TryGetValue<string>(out var text))
                Set(copy, path, JsonValue.Create(change(text)));
        }

        return copy;
    }

    private static JsonNode? Get(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
            node = node is JsonObject obj ? obj[part] : null;
        return node;
    }

    private static void Set(JsonObject root, string path, JsonNode value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next)
                return;
            node = next;
        }

        node[parts[^1]] = value;
    }

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*\}$")]
    private static partial Regex EnvironmentReference();
}
