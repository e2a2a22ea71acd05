using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Sql.Capture;

namespace IntegrationHub.Connectors.Sql;

/// <summary>
/// The <c>source</c> section of a connector of kind <c>sql</c> (schemas/connectors/sql.schema.json documents each setting).
/// In <see cref="SqlReadMode.Poll"/> mode it reads either a <see cref="Table"/> (or view) or a read-only <see cref="Query"/>,
/// page by page in (<see cref="Watermark"/>, <see cref="Key"/>) order; in <see cref="SqlReadMode.Cdc"/> mode it reads a
/// PostgreSQL table's snapshot and then its changes from the log (<see cref="Capture"/>).
/// </summary>
public sealed record SqlSourceOptions
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 50_000;
    public const int DefaultCommandTimeoutSeconds = 60;

    /// <summary><c>postgres</c>, <c>mysql</c> (also <c>mariadb</c>), <c>sqlserver</c> or <c>sqlite</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>ADO.NET connection string of the provider; a secret (it usually holds a password).</summary>
    public required string ConnectionString { get; init; }

    public SqlReadMode Mode { get; init; } = SqlReadMode.Poll;

    /// <summary>Table or view, optionally schema-qualified; null when <see cref="Query"/> is set.</summary>
    public string? Table { get; init; }

    /// <summary>A read-only SELECT whose rows are the source; null when <see cref="Table"/> is set.</summary>
    public string? Query { get; init; }

    /// <summary>Breaks ties between rows with the same watermark: (watermark, key) is unique. Empty in cdc mode.</summary>
    public string Key { get; init; } = "";

    /// <summary>Grows whenever a row is written (update time, staging time, sequence). Empty in cdc mode.</summary>
    public string Watermark { get; init; } = "";

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Columns read but left out of the record (a staging table's operation and batch columns).</summary>
    public IReadOnlyList<string> ExcludeColumns { get; init; } = [];

    /// <summary>The staging-database (前置库) exchange pattern: an operation column marking inserts, updates and deletes.</summary>
    public SqlStagingOptions? Staging { get; init; }

    /// <summary>The publication, slot and stream settings of cdc mode; null in poll mode.</summary>
    public ChangeCaptureOptions? Capture { get; init; }

    public int CommandTimeoutSeconds { get; init; } = DefaultCommandTimeoutSeconds;

    public static SqlSourceOptions From(JsonObject source, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(source);
        string? Optional(string name) => source[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        string Required(string name, string why) => Optional(name)
            ?? throw new ConnectorConfigurationException(connectorId, $"source.{name}", why);
        void Absent(string name, string why)
        {
            if (source[name] is not null)
                throw new ConnectorConfigurationException(connectorId, $"source.{name}", why);
        }

        var provider = Required("provider", "is required for a sql connector.");
        if (!SqlProvider.IsKnown(provider))
            throw new ConnectorConfigurationException(connectorId, "source.provider", $"'{provider}' is not supported; use {string.Join(", ", SqlProvider.Names)}.");
        var mode = Optional("mode") switch
        {
            null or "poll" => SqlReadMode.Poll,
            "cdc" => SqlReadMode.Cdc,
            var other => throw new ConnectorConfigurationException(connectorId, "source.mode",
                $"'{other}' is not a read mode; use poll (keyset queries on a watermark, the default) or cdc (PostgreSQL's log)."),
        };

        var table = Optional("table");
        var query = Optional("query");
        ChangeCaptureOptions? capture = null;
        if (mode == SqlReadMode.Cdc)
        {
            if (provider != "postgres")
                throw new ConnectorConfigurationException(connectorId, "source.provider",
                    $"'{provider}' cannot be read in cdc mode: cdc reads PostgreSQL's write-ahead log (a MySQL/MariaDB binlog reader is not there yet); use mode poll.");
            if (table is null)
                throw new ConnectorConfigurationException(connectorId, "source.table", "is required in cdc mode: the table whose changes are captured.");
            Absent("query", "cannot be used in cdc mode: the log carries a table's rows, not a query's; name the table.");
            Absent("watermark", "is not used in cdc mode (the log orders the changes); remove it.");
            Absent("key", "is not used in cdc mode (rows are identified by the table's replica identity, its primary key by default); remove it.");
            Absent("staging", "is not used in cdc mode (deletions come from the log); remove it.");
            if (source["cdc"] is not (null or JsonObject))
                throw new ConnectorConfigurationException(connectorId, "source.cdc", "must be an object.");
            capture = ChangeCaptureOptions.From(source["cdc"] as JsonObject, connectorId);
        }
        else
        {
            if ((table is null) == (query is null))
                throw new ConnectorConfigurationException(connectorId, "source.table", "or source.query: exactly one of them must be set.");
            if (query is not null && ReadOnlyQuery.Problem(query) is { } problem)
                throw new ConnectorConfigurationException(connectorId, "source.query", problem);
            Absent("cdc", "is only used with mode cdc.");
        }

        var pageSize = Integer(source, "pageSize", connectorId) ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize)
            throw new ConnectorConfigurationException(connectorId, "source.pageSize", $"{pageSize} is outside 1..{MaxPageSize}.");
        var timeout = Integer(source, "commandTimeoutSeconds", connectorId) ?? DefaultCommandTimeoutSeconds;
        if (timeout is < 1 or > 3600)
            throw new ConnectorConfigurationException(connectorId, "source.commandTimeoutSeconds", $"{timeout} is outside 1..3600.");

        var polled = mode == SqlReadMode.Poll;
        return new SqlSourceOptions
        {
            Provider = provider,
            ConnectionString = Required("connectionString", "is required for a sql connector."),
            Mode = mode,
            Table = table,
            Query = query,
            Key = polled ? Required("key", "is required for a sql connector in poll mode.") : "",
            Watermark = polled ? Required("watermark", "is required for a sql connector in poll mode.") : "",
            PageSize = pageSize,
            ExcludeColumns = Strings(source["excludeColumns"], "source.excludeColumns", connectorId) ?? [],
            Staging = source["staging"] is JsonObject staging ? SqlStagingOptions.From(staging, connectorId) : null,
            Capture = capture,
            CommandTimeoutSeconds = timeout,
        };
    }

    internal static int? Integer(JsonObject source, string name, string connectorId, string prefix = "source.") => source[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue => (int)real,
        var other => throw new ConnectorConfigurationException(connectorId, prefix + name, $"must be an integer, not {other.ToJsonString()}."),
    };

    internal static IReadOnlyList<string>? Strings(JsonNode? node, string setting, string connectorId) => node switch
    {
        null => null,
        JsonArray array when array.All(item => item is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0) =>
            [.. array.Select(item => item!.GetValue<string>())],
        _ => throw new ConnectorConfigurationException(connectorId, setting, "must be a list of non-empty strings."),
    };
}
