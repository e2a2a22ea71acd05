using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Process;

/// <summary>
/// Turns a tap's Singer output, line by line, into pages. A STATE message ends a page and becomes its checkpoint; a page
/// cut at the page size before the next STATE carries the previous state, so resuming from any stored checkpoint
/// re-reads at most the records since that state (duplicates are harmless: the store is idempotent) and never skips one.
/// </summary>
public sealed class SingerPager(ProcessSourceOptions options, string? initialState, SourceLimits? limits = null)
{
    private readonly SourceLimits _limits = limits ?? SourceLimits.Default;
    private const int MaxProblemLineLength = 1000;
    private readonly List<SourceRecord> _records = [];
    private string? _state = initialState;
    private string? _emittedState = initialState;
    private long _line;

    /// <summary>The page completed by this line, if any.</summary>
    public SourcePage? Add(string line) => Add(new BoundedLine(line ?? throw new ArgumentNullException(nameof(line)), line.Length));

    /// <summary>The page completed by this line, if any; a line cut at the length limit is a malformed line, not parsed.</summary>
    public SourcePage? Add(BoundedLine read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var line = read.Text;
        _line++;
        if (read.IsCut)
        {
            return Malformed(line, null, string.Create(CultureInfo.InvariantCulture,
                $"Output line {_line} of the tap is {read.Length:N0} characters long, over the limit of {_limits.MaxRecordLength:N0} (rule: Hub:Limits:MaxRecordLength); it was not read."));
        }

        if (string.IsNullOrWhiteSpace(line))
            return null;
        JsonObject? message;
        string? error = null;
        try
        {
            message = JsonNode.Parse(line, documentOptions: SourceJson.Options(_limits)) as JsonObject;
        }
        catch (JsonException ex)
        {
            message = null;
            error = SourceJson.Explain(ex, _limits);
        }

        var type = message?["type"] is JsonValue t && t.TryGetValue<string>(out var text) ? text : null;
        switch (type)
        {
            case "RECORD" when message!["record"] is JsonObject record:
                if (options.Streams.Count > 0 && !options.Streams.Contains(Stream(message), StringComparer.Ordinal))
                    return null;
                _records.Add(SourceRecordScreen.Screen(ToRecord(record.DeepClone().AsObject(), Stream(message)), _limits));
                return _records.Count >= options.PageSize ? Flush() : null;
            case "STATE" when message!.ContainsKey("value"):
                _state = message["value"]?.ToJsonString() ?? "null";
                return _records.Count > 0 ? Flush() : null;
            case "SCHEMA" or "ACTIVATE_VERSION" or "BATCH":
                return null;
            default:
                return Malformed(line, type, error is null ? null : string.Create(CultureInfo.InvariantCulture, $"Output line {_line} of the tap is not a Singer message: it is not JSON ({error})."));
        }
    }

    /// <summary>What is left when the tap has ended successfully: the last records, or only the last state.</summary>
    public SourcePage? Finish() => _records.Count > 0 || !string.Equals(_state, _emittedState, StringComparison.Ordinal) ? Flush() : null;

    private SourcePage Flush()
    {
        var page = new SourcePage([.. _records], _state);
        _records.Clear();
        _emittedState = _state;
        return page;
    }

    private SourceRecord ToRecord(JsonObject record, string stream)
    {
        var origin = string.Create(CultureInfo.InvariantCulture, $"stream {stream}, output line {_line}");
        var deleted = options.DeletedProperty is { } property && record[property] is not null;
        return new SourceRecord(record, Deleted: deleted, Origin: origin);
    }

    private SourcePage? Malformed(string line, string? type, string? reason = null)
    {
        var problem = reason ?? (type is null
            ? string.Create(CultureInfo.InvariantCulture, $"Output line {_line} of the tap is not a Singer message (a JSON object with a \"type\").")
            : string.Create(CultureInfo.InvariantCulture, $"Output line {_line} of the tap is a Singer message of type '{type}' that cannot be read."));
        if (options.MalformedLines == "fail")
            throw new SourceAccessException("read", $"{problem} The tap's output must be Singer JSON lines only (logs go to standard error).");
        var text = line.Length > MaxProblemLineLength ? line[..MaxProblemLineLength] + "…" : line;
        _records.Add(new SourceRecord(new JsonObject { ["line"] = text }, Origin: $"output line {_line}", Problem: problem));
        return _records.Count >= options.PageSize ? Flush() : null;
    }

    private static string Stream(JsonObject message) => message["stream"] is JsonValue s && s.TryGetValue<string>(out var name) ? name : "";
}
