using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using IntegrationHub.Cli.Api;

namespace IntegrationHub.Cli.Output;

/// <summary>Indented JSON with Chinese text as it is (this is for terminals and programs, never for HTML).</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(CliJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync<T>(TextWriter writer, T value, JsonTypeInfo<T> typeInfo)
    {
        var typed = (JsonTypeInfo<T>)Options.GetTypeInfo(typeInfo.Type);
        return writer.WriteLineAsync(JsonSerializer.Serialize(value, typed));
    }

    public static string Format(JsonNode? node) =>
        node is null ? "null" : node.ToJsonString(Options);

    /// <summary>One line, for a value inside a table or a message.</summary>
    public static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(InlineOptions),
    };

    private static readonly JsonSerializerOptions InlineOptions = new(CliJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
