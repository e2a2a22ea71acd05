using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// The JSON of the HTTP API: camelCase, enums as camelCase strings, Chinese text unescaped (this is JSON for programs,
/// never HTML). <see cref="ApisServiceCollectionExtensions.AddHubApis"/> applies it to the minimal API serializer.
/// </summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.PropertyNameCaseInsensitive = true;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.Strict;
        if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>The nesting depth a body may have (System.Text.Json reads 0 as its default of 64).</summary>
    public static int EffectiveMaxDepth(this JsonSerializerOptions options) => options is { MaxDepth: > 0 } ? options.MaxDepth : 64;

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
