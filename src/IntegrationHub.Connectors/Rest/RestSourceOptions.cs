using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Rest;

/// <summary>
/// The <c>source</c> section of a connector of kind <c>rest</c> (schemas/connectors/rest.schema.json), with defaults
/// applied and <c>${ENV}</c> references expanded. Read after the section passed its schema.
/// </summary>
public sealed record RestSourceOptions
{
    public required Uri Url { get; init; }

    public ResponsePath RecordsPath { get; init; } = ResponsePath.Root;

    public int PageSize { get; init; } = 100;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> QueryParameters { get; init; } = new Dictionary<string, string>();

    public RestPaginationOptions Pagination { get; init; } = new();

    public RestIncrementalOptions? Incremental { get; init; }

    public RestAuthOptions Auth { get; init; } = new();

    public RestResilienceOptions Resilience { get; init; } = new();

    public static RestSourceOptions From(JsonObject source, string connectorId, ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(context);
        var reader = new SettingReader(connectorId, context);
        var url = reader.Text(source, "url", "source.url") ?? throw new ConnectorConfigurationException(connectorId, "source.url", "is required for a rest connector.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new ConnectorConfigurationException(connectorId, "source.url", "must be an absolute http(s) address.");

        return new RestSourceOptions
        {
            Url = address,
            RecordsPath = reader.Path(source, "recordsPath", "source.recordsPath") ?? ResponsePath.Root,
            PageSize = (int?)reader.Integer(source, "pageSize") ?? 100,
            Headers = reader.Map(source, "headers", "source.headers"),
            QueryParameters = reader.Map(source, "queryParameters", "source.queryParameters"),
            Pagination = ReadPagination(source["pagination"] as JsonObject, reader),
            Incremental = ReadIncremental(source["incremental"] as JsonObject, reader),
            Auth = ReadAuth(source["auth"] as JsonObject, reader),
            Resilience = ReadResilience(source["resilience"] as JsonObject, reader),
        };
    }

    private static RestPaginationOptions ReadPagination(JsonObject? section, SettingReader reader)
    {
        if (section is null)
            return new RestPaginationOptions();
        var style = reader.Text(section, "type", "source.pagination.type") switch
        {
            null or "none" => RestPaginationStyle.None,
            "page" => RestPaginationStyle.Page,
            "offset" => RestPaginationStyle.Offset,
            "cursor" => RestPaginationStyle.Cursor,
            "link" => RestPaginationStyle.Link,
            var other => throw reader.Problem("source.pagination.type", $"'{other}' is not one of none, page, offset, cursor, link."),
        };
        var cursorPath = reader.Path(section, "cursorPath", "source.pagination.cursorPath");
        if (style == RestPaginationStyle.Cursor && cursorPath is null)
            throw reader.Problem("source.pagination.cursorPath", "is required for cursor pagination.");
        return new RestPaginationOptions
        {
            Style = style,
            PageParameter = reader.Text(section, "pageParameter", "source.pagination.pageParameter") ?? "page",
            FirstPage = reader.Integer(section, "firstPage") ?? 1,
            OffsetParameter = reader.Text(section, "offsetParameter", "source.pagination.offsetParameter") ?? "offset",
            SizeParameter = reader.Text(section, "sizeParameter", "source.pagination.sizeParameter") ?? style switch
            {
                RestPaginationStyle.Page => "pageSize",
                RestPaginationStyle.Offset => "limit",
                _ => null,
            },
            CursorPath = cursorPath,
            CursorParameter = reader.Text(section, "cursorParameter", "source.pagination.cursorParameter") ?? "cursor",
        };
    }

    private static RestIncrementalOptions? ReadIncremental(JsonObject? section, SettingReader reader)
    {
        if (section is null)
            return null;
        var format = reader.Text(section, "format", "source.incremental.format") ?? UpdateTimeFormat.Iso8601;
        if (!UpdateTimeFormat.IsValid(format))
            throw reader.Problem("source.incremental.format", $"'{format}' is not iso8601, epochSeconds, epochMillis or a .NET date format.");
        var offsetText = reader.Text(section, "utcOffset", "source.incremental.utcOffset") ?? "+08:00";
        if (!TimeSpan.TryParseExact(offsetText.TrimStart('+'), @"hh\:mm", CultureInfo.InvariantCulture, out var offset))
            throw reader.Problem("source.incremental.utcOffset", $"'{offsetText}' is not an offset like +08:00.");
        if (offsetText.StartsWith('-'))
            offset = -TimeSpan.ParseExact(offsetText[1..], @"hh\:mm", CultureInfo.InvariantCulture);
        return new RestIncrementalOptions(
            reader.Text(section, "parameter", "source.incremental.parameter") ?? throw reader.Problem("source.incremental.parameter", "is required."),
            reader.Path(section, "field", "source.incremental.field") ?? throw reader.Problem("source.incremental.field", "is required."),
            new UpdateTimeFormat(format, offset))
        {
            Overlap = reader.Duration(section, "overlap", "source.incremental.overlap") ?? TimeSpan.FromMinutes(5),
            InitialValue = reader.Text(section, "initialValue", "source.incremental.initialValue"),
        };
    }

    private static RestAuthOptions ReadAuth(JsonObject? section, SettingReader reader)
    {
        if (section is null)
            return new RestAuthOptions();
        var type = reader.Text(section, "type", "source.auth.type") switch
        {
            null or "none" => RestAuthType.None,
            "apiKey" => RestAuthType.ApiKey,
            "bearer" => RestAuthType.Bearer,
            "basic" => RestAuthType.Basic,
            "oauth2ClientCredentials" => RestAuthType.OAuth2ClientCredentials,
            var other => throw reader.Problem("source.auth.type", $"'{other}' is not one of none, apiKey, bearer, basic, oauth2ClientCredentials."),
        };
        string Required(string name) => reader.Text(section, name, $"source.auth.{name}")
            ?? throw reader.Problem($"source.auth.{name}", $"is required for {reader.Text(section, "type", "source.auth.type")} authentication.");

        var tokenUrl = type == RestAuthType.OAuth2ClientCredentials ? Required("tokenUrl") : null;
        Uri? tokenAddress = null;
        if (tokenUrl is not null && (!Uri.TryCreate(tokenUrl, UriKind.Absolute, out tokenAddress) || tokenAddress.Scheme is not ("http" or "https")))
            throw reader.Problem("source.auth.tokenUrl", "must be an absolute http(s) address.");
        return new RestAuthOptions
        {
            Type = type,
            ApiKeyInQuery = reader.Text(section, "in", "source.auth.in") == "query",
            ApiKeyName = reader.Text(section, "name", "source.auth.name") ?? "X-API-Key",
            ApiKey = type == RestAuthType.ApiKey ? Required("apiKey") : null,
            Token = type == RestAuthType.Bearer ? Required("token") : null,
            Username = type == RestAuthType.Basic ? Required("username") : null,
            Password = type == RestAuthType.Basic ? reader.Text(section, "password", "source.auth.password", allowEmpty: true) ?? "" : null,
            TokenUrl = tokenAddress,
            ClientId = type == RestAuthType.OAuth2ClientCredentials ? Required("clientId") : null,
            ClientSecret = type == RestAuthType.OAuth2ClientCredentials ? Required("clientSecret") : null,
            Scope = reader.Text(section, "scope", "source.auth.scope"),
            ClientCredentialsAsBasic = reader.Text(section, "clientAuthentication", "source.auth.clientAuthentication") == "basic",
        };
    }

    private static RestResilienceOptions ReadResilience(JsonObject? section, SettingReader reader)
    {
        var defaults = new RestResilienceOptions();
        if (section is null)
            return defaults;
        var breaker = section["circuitBreaker"] as JsonObject ?? [];
        var options = new RestResilienceOptions
        {
            MaxRetries = (int?)reader.Integer(section, "maxRetries") ?? defaults.MaxRetries,
            BaseDelay = reader.Duration(section, "baseDelay", "source.resilience.baseDelay") ?? defaults.BaseDelay,
            MaxDelay = reader.Duration(section, "maxDelay", "source.resilience.maxDelay") ?? defaults.MaxDelay,
            AttemptTimeout = reader.Duration(section, "attemptTimeout", "source.resilience.attemptTimeout") ?? defaults.AttemptTimeout,
            TotalTimeout = reader.Duration(section, "totalTimeout", "source.resilience.totalTimeout") ?? defaults.TotalTimeout,
            RequestsPerSecond = SettingReader.Number(section, "requestsPerSecond") ?? defaults.RequestsPerSecond,
            FailureRatio = SettingReader.Number(breaker, "failureRatio") ?? defaults.FailureRatio,
            MinimumThroughput = (int?)reader.Integer(breaker, "minimumThroughput") ?? defaults.MinimumThroughput,
            SamplingDuration = reader.Duration(breaker, "samplingDuration", "source.resilience.circuitBreaker.samplingDuration") ?? defaults.SamplingDuration,
            BreakDuration = reader.Duration(breaker, "breakDuration", "source.resilience.circuitBreaker.breakDuration") ?? defaults.BreakDuration,
        };
        // Polly's own limits: a clear message here beats its validation exception later.
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.AttemptTimeout > options.TotalTimeout)
            throw reader.Problem("source.resilience.attemptTimeout", $"{options.AttemptTimeout} must be at least 10 ms and at most totalTimeout ({options.TotalTimeout}).");
        if (options.BreakDuration < TimeSpan.FromMilliseconds(500))
            throw reader.Problem("source.resilience.circuitBreaker.breakDuration", "must be at least 00:00:00.5.");
        if (options.SamplingDuration < TimeSpan.FromMilliseconds(500))
            throw reader.Problem("source.resilience.circuitBreaker.samplingDuration", "must be at least 00:00:00.5.");
        return options;
    }

    /// <summary>Reads settings, expanding <c>${ENV}</c>, and names the setting in every problem.</summary>
    private sealed class SettingReader(string connectorId, ConnectorContext context)
    {
        public ConnectorConfigurationException Problem(string setting, string problem) => new(connectorId, setting, problem);

        public string? Text(JsonObject section, string name, string setting, bool allowEmpty = false)
        {
            if (section[name] is not JsonValue value || !value.TryGetValue<string>(out var text))
                return null;
            try
            {
                text = context.Expand(text);
            }
            catch (InvalidOperationException ex)
            {
                throw Problem(setting, ex.Message);
            }

            return text.Length > 0 || allowEmpty ? text : null;
        }

        public long? Integer(JsonObject section, string name) => Number(section, name) is { } value ? (long)value : null;

        /// <summary>A number however the JSON was built (parsed text or values set in code, int or double).</summary>
        public static double? Number(JsonObject section, string name) => section[name] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

        public ResponsePath? Path(JsonObject section, string name, string setting)
        {
            var text = Text(section, name, setting);
            if (text is null)
                return null;
            try
            {
                return ResponsePath.Parse(text);
            }
            catch (FormatException ex)
            {
                throw Problem(setting, ex.Message);
            }
        }

        public TimeSpan? Duration(JsonObject section, string name, string setting)
        {
            var text = Text(section, name, setting);
            if (text is null)
                return null;
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero
                ? duration
                : throw Problem(setting, $"'{text}' is not a positive duration like 00:00:30.");
        }

        public IReadOnlyDictionary<string, string> Map(JsonObject section, string name, string setting)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            if (section[name] is JsonObject values)
            {
                foreach (var (key, _) in values)
                    map[key] = Text(values, key, $"{setting}.{key}", allowEmpty: true) ?? "";
            }

            return map;
        }
    }
}
