using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Files;

/// <summary>The <c>source</c> section of a connector of kind <c>file</c> (documented in <c>docs/connectors/file.md</c>).</summary>
public sealed record FileSourceOptions
{
    public const int DefaultPageSize = 500;

    /// <summary>The inbox folder; may contain <c>{dataDirectory}</c> and <c>${ENV}</c>.</summary>
    public required string Path { get; init; }

    public required FileFormat Format { get; init; }

    /// <summary>Which file names in the inbox are read (<c>*.csv</c>); the default follows the format.</summary>
    public required string Pattern { get; init; }

    /// <summary><c>auto</c> (BOM → UTF-8, valid UTF-8 → UTF-8, else GB18030), <c>utf-8</c>, <c>gb18030</c>, <c>gbk</c>, <c>gb2312</c>.</summary>
    public string Encoding { get; init; } = "auto";

    public int PageSize { get; init; } = DefaultPageSize;

    public FileReadiness Readiness { get; init; } = new(null, FileReadiness.DefaultSettle);

    /// <summary>Write <c>&lt;file&gt;.report.csv</c> beside the JSON report (for Excel users).</summary>
    public bool ReportCsv { get; init; } = true;

    public CsvFormatOptions Csv { get; init; } = new();

    public XlsxFormatOptions Xlsx { get; init; } = new();

    /// <summary>Dotted path to the array of records inside a JSON file (<c>data.items</c>); null: the file is the array.</summary>
    public string? JsonRecordsPath { get; init; }

    /// <summary>Element path of a record in an XML file, from the root (<c>/root/cases/case</c>).</summary>
    public string? XmlRecordPath { get; init; }

    public static FileSourceOptions From(JsonObject source, string connectorId)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return Parse(source, connectorId);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException)
        {
            throw new ConnectorConfigurationException(connectorId, "source", $"has a setting of the wrong type: {ex.Message}");
        }
    }

    private static FileSourceOptions Parse(JsonObject source, string connectorId)
    {
        var path = source["path"]?.GetValue<string>() is { Length: > 0 } p
            ? p
            : throw new ConnectorConfigurationException(connectorId, "source.path", "is required for a file connector (the inbox folder).");
        var formatName = source["format"]?.GetValue<string>();
        var format = formatName switch
        {
            "csv" => FileFormat.Csv,
            "xlsx" => FileFormat.Xlsx,
            "json" => FileFormat.Json,
            "jsonl" => FileFormat.JsonLines,
            "xml" => FileFormat.Xml,
            _ => throw new ConnectorConfigurationException(connectorId, "source.format", $"'{formatName}' is not supported; use csv, xlsx, json, jsonl or xml."),
        };
        var encoding = source["encoding"]?.GetValue<string>() ?? "auto";
        if (!FileTextEncodings.IsKnown(encoding))
            throw new ConnectorConfigurationException(connectorId, "source.encoding", $"'{encoding}' is not supported; use auto, utf-8, gb18030, gbk or gb2312.");
        var pageSize = Integer(source["pageSize"]) ?? DefaultPageSize;
        if (pageSize is < 1 or > 50_000)
            throw new ConnectorConfigurationException(connectorId, "source.pageSize", $"{pageSize} is outside 1..50000.");
        var settleSeconds = Number(source["settleSeconds"]) ?? FileReadiness.DefaultSettle.TotalSeconds;
        if (settleSeconds is < 0 or > 86_400)
            throw new ConnectorConfigurationException(connectorId, "source.settleSeconds", $"{settleSeconds} is outside 0..86400.");
        var marker = source["doneMarker"]?.GetValue<string>();
        if (marker is { Length: 0 })
            throw new ConnectorConfigurationException(connectorId, "source.doneMarker", "is empty; give a suffix such as .done or leave it out.");

        var xmlPath = source["xml"]?["recordPath"]?.GetValue<string>();
        if (format == FileFormat.Xml && (xmlPath is null || !xmlPath.StartsWith('/') || xmlPath.Length < 2))
            throw new ConnectorConfigurationException(connectorId, "source.xml.recordPath", "is required for xml files: the element path of a record from the root, e.g. /root/cases/case.");

        return new FileSourceOptions
        {
            Path = path,
            Format = format,
            Pattern = source["pattern"]?.GetValue<string>() ?? DefaultPattern(format),
            Encoding = encoding,
            PageSize = pageSize,
            Readiness = new FileReadiness(marker, TimeSpan.FromSeconds(settleSeconds)),
            ReportCsv = source["reportCsv"]?.GetValue<bool>() ?? true,
            Csv = ParseCsv(source["csv"] as JsonObject, connectorId),
            Xlsx = ParseXlsx(source["xlsx"] as JsonObject, connectorId),
            JsonRecordsPath = source["json"]?["recordsPath"]?.GetValue<string>() is { Length: > 0 } recordsPath ? recordsPath : null,
            XmlRecordPath = xmlPath,
        };
    }

    /// <summary>Numbers whether the JSON was parsed or built in code (a built node holds an int, a parsed one an element).</summary>
    private static double? Number(JsonNode? node) =>
        node is null ? null : double.Parse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    private static int? Integer(JsonNode? node) =>
        node is null ? null : int.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static string DefaultPattern(FileFormat format) => format switch
    {
        FileFormat.Csv => "*.csv",
        FileFormat.Xlsx => "*.xlsx",
        FileFormat.Json => "*.json",
        FileFormat.JsonLines => "*.jsonl",
        _ => "*.xml",
    };

    private static CsvFormatOptions ParseCsv(JsonObject? csv, string connectorId)
    {
        if (csv is null)
            return new CsvFormatOptions();
        var delimiter = csv["delimiter"]?.GetValue<string>() ?? ",";
        if (delimiter.Length != 1)
            throw new ConnectorConfigurationException(connectorId, "source.csv.delimiter", $"'{delimiter}' must be one character (\\t for a tab).");
        var quote = csv["quote"]?.GetValue<string>() ?? "\"";
        if (quote.Length != 1)
            throw new ConnectorConfigurationException(connectorId, "source.csv.quote", $"'{quote}' must be one character.");
        var skip = Integer(csv["skipLines"]) ?? 0;
        if (skip < 0)
            throw new ConnectorConfigurationException(connectorId, "source.csv.skipLines", $"{skip} is negative.");
        var columns = csv["columns"] is JsonArray names ? names.Select(n => n!.GetValue<string>()).ToList() : null;
        return new CsvFormatOptions(delimiter, quote[0], csv["header"]?.GetValue<bool>() ?? true, columns, skip);
    }

    private static XlsxFormatOptions ParseXlsx(JsonObject? xlsx, string connectorId)
    {
        if (xlsx is null)
            return new XlsxFormatOptions();
        var headerRow = Integer(xlsx["headerRow"]) ?? 1;
        if (headerRow < 1)
            throw new ConnectorConfigurationException(connectorId, "source.xlsx.headerRow", $"{headerRow} must be 1 or more.");
        return xlsx["sheet"] switch
        {
            null => new XlsxFormatOptions(HeaderRow: headerRow),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => new XlsxFormatOptions(SheetIndex: Math.Max(1, Integer(v)!.Value), HeaderRow: headerRow),
            JsonValue v => new XlsxFormatOptions(SheetName: v.GetValue<string>(), HeaderRow: headerRow),
            _ => throw new ConnectorConfigurationException(connectorId, "source.xlsx.sheet", "is a sheet name or a 1-based sheet number."),
        };
    }
}
