using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Connectors.Definitions;

/// <summary>Reads a connector definition (<c>*.connector.json</c>), with errors that name the file and the setting.</summary>
public static class ConnectorDefinitionParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static ConnectorDefinition ParseFile(string path)
    {
        var json = File.ReadAllText(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Parse(json, mappingFile => File.ReadAllText(Path.Combine(directory, mappingFile)), path);
    }

    /// <param name="json">The definition.</param>
    /// <param name="readMappingFile">Reads a mapping referenced by file name (relative to the definition).</param>
    /// <param name="origin">Where the definition came from, for messages.</param>
    public static ConnectorDefinition Parse(string json, Func<string, string> readMappingFile, string origin)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new ConnectorDefinitionException(origin, "$", "a connector definition must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ConnectorDefinitionException(origin, "$", $"not valid JSON: {ex.Message}");
        }

        string Required(string name) => root[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw new ConnectorDefinitionException(origin, name, "is required (a non-empty string).");

        var id = Required("id");
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{1,62}$"))
            throw new ConnectorDefinitionException(origin, "id", $"'{id}' must be 2–63 lower-case letters, digits or dashes.");

        MappingDefinition mapping;
        JsonObject mappingDocument;
        try
        {
            mapping = root["mapping"] switch
            {
                JsonValue file when file.TryGetValue<string>(out var name) => MappingDefinition.Parse(mappingDocument = ParseMappingFile(readMappingFile(name))),
                JsonObject inline => MappingDefinition.Parse(mappingDocument = (JsonObject)inline.DeepClone()),
                _ => throw new ConnectorDefinitionException(origin, "mapping", "give a mapping file name or an inline mapping object."),
            };
        }
        catch (MappingException ex)
        {
            throw new ConnectorDefinitionException(origin, $"mapping.{ex.Path}", ex.Message);
        }
        catch (IOException ex)
        {
            throw new ConnectorDefinitionException(origin, "mapping", $"cannot read the mapping file: {ex.Message}");
        }

        var document = (JsonObject)root.DeepClone();
        document["mapping"] = mappingDocument;
        return new ConnectorDefinition
        {
            Document = document,
            Id = id,
            Name = Required("name"),
            Department = root["department"]?.GetValue<string>(),
            Kind = Required("kind"),
            Enabled = root["enabled"]?.GetValue<bool>() ?? true,
            Priority = root["priority"]?.GetValue<int>() ?? 0,
            Schedule = ParseSchedule(root["schedule"], origin),
            Source = root["source"] as JsonObject ?? throw new ConnectorDefinitionException(origin, "source", "is required (an object)."),
            Mapping = mapping,
            Origin = origin,
        };
    }

    private static JsonObject ParseMappingFile(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
                ?? throw new MappingException("$", "the mapping must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new MappingException("$", $"not valid JSON: {ex.Message}");
        }
    }

    private static ConnectorSchedule ParseSchedule(JsonNode? node, string origin)
    {
        if (node is null)
            return ConnectorSchedule.Manual;
        if (node is not JsonObject schedule)
            throw new ConnectorDefinitionException(origin, "schedule", "use {\"every\": \"00:05:00\"}, {\"cron\": \"*/5 * * * *\"} or {\"continuous\": true}.");
        var continuous = schedule["continuous"] switch
        {
            null => false,
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            var other => throw new ConnectorDefinitionException(origin, "schedule.continuous", $"must be true or false, not {other.ToJsonString()}."),
        };
        TimeSpan? every = null;
        if (schedule["every"]?.GetValue<string>() is { } text)
        {
            every = TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.FromSeconds(1)
                ? span
                : throw new ConnectorDefinitionException(origin, "schedule.every", $"'{text}' is not an interval of at least one second (hh:mm:ss).");
        }

        var cron = schedule["cron"]?.GetValue<string>();
        if (continuous && (every is not null || cron is not null))
            throw new ConnectorDefinitionException(origin, "schedule", "continuous runs one run after another; give every or cron instead, not both.");
        return new ConnectorSchedule(every, cron) { Continuous = continuous };
    }
}
