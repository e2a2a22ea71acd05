using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Cli.Definitions;

/// <summary>
/// Reads a connector definition as in <c>connectors/*.connector.json</c>. The hub's API takes the mapping inline, so a
/// <c>"mapping": "x.mapping.json"</c> file name (relative to the definition) is read and put in its place.
/// </summary>
internal static class ConnectorDefinitionFile
{
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static async Task<JsonObject> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var definition = await ReadObjectAsync(full, "connector definition", cancellationToken).ConfigureAwait(false);

        if (definition["id"] is not JsonValue id || !id.TryGetValue<string>(out var text) || string.IsNullOrWhiteSpace(text))
            throw new CliFailure(ExitCodes.Usage, $"error: {full} has no \"id\": a connector definition needs one.");

        if (definition["mapping"] is JsonValue mapping && mapping.TryGetValue<string>(out var mappingFile))
        {
            var mappingPath = Path.GetFullPath(mappingFile, Path.GetDirectoryName(full)!);
            definition["mapping"] = await ReadObjectAsync(mappingPath, $"mapping file named in {full}", cancellationToken).ConfigureAwait(false);
        }

        return definition;
    }

    public static string IdOf(JsonObject definition) => definition["id"]!.GetValue<string>();

    private static async Task<JsonObject> ReadObjectAsync(string path, string what, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new CliFailure(ExitCodes.Usage, $"error: the {what} {path} does not exist.");

        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonNode.ParseAsync(stream, documentOptions: ReadOptions, cancellationToken: cancellationToken).ConfigureAwait(false) as JsonObject
                    ?? throw new CliFailure(ExitCodes.Usage, $"error: the {what} {path} is not a JSON object.");
            }
            catch (JsonException invalid)
            {
                throw new CliFailure(ExitCodes.Usage, $"error: the {what} {path} is not valid JSON: {invalid.Message}");
            }
        }
    }
}
