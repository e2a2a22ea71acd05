using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Canonical.Model;

namespace IntegrationHub.Canonical.Serialization;

/// <summary>
/// The one JSON shape of canonical records: camelCase, enums as camelCase strings, dates as yyyy-MM-dd, nulls omitted,
/// Chinese text unescaped. The content hash is taken over this shape without lineage, so it is stable across sources.
/// </summary>
public static class CanonicalJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(EnforcementAction action) => JsonSerializer.Serialize(action, Options);

    public static byte[] SerializeToUtf8(EnforcementAction action) => JsonSerializer.SerializeToUtf8Bytes(action, Options);

    public static EnforcementAction Deserialize(string json) =>
        JsonSerializer.Deserialize<EnforcementAction>(json, Options)
        ?? throw new JsonException("A canonical record cannot be null.");

    /// <summary>SHA-256 (lower-case hex) of the record's canonical JSON without its lineage.</summary>
    public static string ContentHash(EnforcementAction action)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(action with { Sources = [] }, Options);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
