using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Process;

/// <summary>
/// The <c>source</c> section of a connector of kind <c>process</c> (schemas/connectors/process.schema.json documents each
/// setting): an executable that speaks the Singer protocol on its standard output.
/// </summary>
public sealed record ProcessSourceOptions
{
    public const int DefaultPageSize = 500;
    public const int DefaultTimeoutSeconds = 3600;

    public required string Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Variables added to the process environment (values may hold <c>${ENV}</c> references).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Like <see cref="Environment"/>, but secrets: never shown, and removed from the tap's error output.</summary>
    public IReadOnlyDictionary<string, string> SecretEnvironment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    /// <summary>The tap's configuration, written to the file given as <c>--config</c>.</summary>
    public JsonObject Config { get; init; } = [];

    /// <summary>Secret configuration merged over <see cref="Config"/> in that file (passwords, tokens).</summary>
    public JsonObject SecretConfig { get; init; } = [];

    /// <summary>The Singer streams whose RECORDs are read; empty: every stream.</summary>
    public IReadOnlyList<string> Streams { get; init; } = [];

    public int PageSize { get; init; } = DefaultPageSize;

    public int TimeoutSeconds { get; init; } = DefaultTimeoutSeconds;

    /// <summary><c>quarantine</c> (a non-Singer stdout line becomes a quarantined record) or <c>fail</c> (the run fails).</summary>
    public string MalformedLines { get; init; } = "quarantine";

    /// <summary>A record property that marks a deletion when present and not null (Singer's <c>_sdc_deleted_at</c>).</summary>
    public string? DeletedProperty { get; init; }

    public static ProcessSourceOptions From(JsonObject source, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(source);
        var command = source["command"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ConnectorConfigurationException(connectorId, "source.command", "is required for a process connector.");
        var pageSize = Integer(source, "pageSize", connectorId) ?? DefaultPageSize;
        if (pageSize is < 1 or > 50_000)
            throw new ConnectorConfigurationException(connectorId, "source.pageSize", $"{pageSize} is outside 1..50000.");
        var timeout = Integer(source, "timeoutSeconds", connectorId) ?? DefaultTimeoutSeconds;
        if (timeout is < 1 or > 86_400)
            throw new ConnectorConfigurationException(connectorId, "source.timeoutSeconds", $"{timeout} is outside 1..86400.");
        var malformed = String(source, "malformedLines", connectorId) ?? "quarantine";
        if (malformed is not ("quarantine" or "fail"))
            throw new ConnectorConfigurationException(connectorId, "source.malformedLines", $"'{malformed}' is neither quarantine nor fail.");

        return new ProcessSourceOptions
        {
            Command = command,
            Args = Strings(source["args"], "source.args", connectorId),
            Environment = Variables(source["environment"], "source.environment", connectorId),
            SecretEnvironment = Variables(source["secretEnvironment"], "source.secretEnvironment", connectorId),
            WorkingDirectory = String(source, "workingDirectory", connectorId),
            Config = Object(source["config"], "source.config", connectorId),
            SecretConfig = Object(source["secretConfig"], "source.secretConfig", connectorId),
            Streams = Strings(source["streams"], "source.streams", connectorId),
            PageSize = pageSize,
            TimeoutSeconds = timeout,
            MalformedLines = malformed,
            DeletedProperty = String(source, "deletedProperty", connectorId),
        };
    }

    private static int? Integer(JsonObject source, string name, string connectorId) => source[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue => (int)real,
        var other => throw new ConnectorConfigurationException(connectorId, $"source.{name}", $"must be an integer, not {other.ToJsonString()}."),
    };

    private static string? String(JsonObject source, string name, string connectorId) => source[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0 => text,
        _ => throw new ConnectorConfigurationException(connectorId, $"source.{name}", "must be a non-empty string."),
    };

    private static List<string> Strings(JsonNode? node, string setting, string connectorId) => node switch
    {
        null => [],
        JsonArray array when array.All(item => item is JsonValue v && v.TryGetValue<string>(out _)) => [.. array.Select(item => item!.GetValue<string>())],
        _ => throw new ConnectorConfigurationException(connectorId, setting, "must be a list of strings."),
    };

    private static Dictionary<string, string> Variables(JsonNode? node, string setting, string connectorId) => node switch
    {
        null => new Dictionary<string, string>(StringComparer.Ordinal),
        JsonObject variables when variables.All(v => v.Value is JsonValue s && s.TryGetValue<string>(out _)) =>
            variables.ToDictionary(v => v.Key, v => v.Value!.GetValue<string>(), StringComparer.Ordinal),
        _ => throw new ConnectorConfigurationException(connectorId, setting, "must be an object of string values (NAME: value)."),
    };

    private static JsonObject Object(JsonNode? node, string setting, string connectorId) => node switch
    {
        null => [],
        JsonObject value => value.DeepClone().AsObject(),
        _ => throw new ConnectorConfigurationException(connectorId, setting, "must be a JSON object."),
    };
}
