using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Mapping.Definition;

/// <summary>
/// A parsed mapping document (docs/mapping.md): how one source system's records become canonical records.
/// Parsing checks the whole document and names the offending key, so a broken mapping fails at registration,
/// not record by record.
/// </summary>
public sealed record MappingDefinition
{
    public required int Version { get; init; }
    public required IReadOnlyList<string> SourceKey { get; init; }
    public string? SourceVersion { get; init; }
    public required IReadOnlyList<FieldRule> Fields { get; init; }

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static MappingDefinition Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new MappingException("$", $"the mapping is not valid JSON: {ex.Message}");
        }

        return Parse(root as JsonObject ?? throw new MappingException("$", "the mapping must be a JSON object."));
    }

    public static MappingDefinition Parse(JsonObject root)
    {
        var version = root["version"] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0
            ? n
            : throw new MappingException("version", "a positive integer is required; raise it whenever the mapping changes.");
        var sourceKey = StringList(root["sourceKey"], "sourceKey");
        if (sourceKey.Count == 0)
            throw new MappingException("sourceKey", "name the source field (or fields) that identify a record.");

        var codeLists = new Dictionary<string, CodeMap>(StringComparer.Ordinal);
        if (root["codeLists"] is JsonObject lists)
        {
            foreach (var (name, node) in lists)
                codeLists[name] = ParseCodeMap(name, node, $"codeLists.{name}");
        }

        var fields = root["fields"] as JsonObject
            ?? throw new MappingException("fields", "an object of target path → rule is required.");
        var rules = fields.Select(pair => ParseRule(pair.Key, pair.Value, codeLists)).ToList();

        foreach (var key in root.Select(p => p.Key))
        {
            if (key is not ("$schema" or "version" or "sourceKey" or "sourceVersion" or "codeLists" or "fields" or "description"))
                throw new MappingException(key, "unknown key; expected version, sourceKey, sourceVersion, codeLists, fields or description.");
        }

        return new MappingDefinition
        {
            Version = version,
            SourceKey = sourceKey,
            SourceVersion = root["sourceVersion"]?.GetValue<string>(),
            Fields = rules,
        };
    }

    private static FieldRule ParseRule(string target, JsonNode? node, Dictionary<string, CodeMap> codeLists)
    {
        var path = $"fields.{target}";
        if (node is not JsonObject rule)
            throw new MappingException(path, "a rule must be an object such as {\"from\": \"列名\"}.");

        var parsed = new FieldRule
        {
            Target = TargetPath.Parse(target),
            From = StringList(rule["from"], $"{path}.from"),
            Const = rule["const"]?.DeepClone(),
            Default = rule["default"]?.DeepClone(),
            Template = OptionalString(rule["template"], $"{path}.template"),
            When = rule["when"] is { } when ? ParseCondition(when, $"{path}.when") : null,
            Text = StringList(rule["text"], $"{path}.text").Select(op => ParseTextOperation(op, $"{path}.text")).ToList(),
            Split = StringList(rule["split"], $"{path}.split"),
            Code = rule["code"] switch
            {
                null => null,
                JsonValue name when name.TryGetValue<string>(out var listName) =>
                    codeLists.GetValueOrDefault(listName) ?? throw new MappingException($"{path}.code", $"there is no code list named '{listName}' in codeLists."),
                JsonObject inline => ParseCodeMap(target, inline, $"{path}.code"),
                _ => throw new MappingException($"{path}.code", "give the name of a code list or an inline {\"map\": {...}}."),
            },
            DateFormats = StringList(rule["date"], $"{path}.date"),
            Number = rule["number"] switch
            {
                null => null,
                JsonObject number => new NumberRule(ParseUnit(number["unit"], $"{path}.number.unit")),
                JsonValue flag when flag.TryGetValue<bool>(out var b) && b => new NumberRule(NumberUnit.None),
                _ => throw new MappingException($"{path}.number", "use true or {\"unit\": \"yuan\" | \"wanYuan\"}."),
            },
            Bool = rule["bool"] is JsonObject words
                ? new BoolWords(StringList(words["true"], $"{path}.bool.true"), StringList(words["false"], $"{path}.bool.false"))
                : null,
            Item = OptionalString(rule["item"], $"{path}.item"),
        };

        foreach (var key in rule.Select(p => p.Key))
        {
            if (key is not ("from" or "const" or "default" or "template" or "when" or "text" or "split" or "code" or "date" or "number" or "bool" or "item" or "description"))
                throw new MappingException($"{path}.{key}", "unknown rule key; see docs/mapping.md for the keys a field rule takes.");
        }

        var sources = (parsed.From.Count > 0 ? 1 : 0) + (parsed.Const is null ? 0 : 1) + (parsed.Template is null ? 0 : 1);
        if (sources != 1 && !(sources == 0 && parsed.Default is not null))
            throw new MappingException(path, "a rule takes exactly one of from, const or template (or only a default).");
        var converters = (parsed.DateFormats.Count > 0 ? 1 : 0) + (parsed.Number is null ? 0 : 1) + (parsed.Bool is null ? 0 : 1);
        if (converters > 1)
            throw new MappingException(path, "date, number and bool exclude each other.");
        if (parsed.Split.Count > 0 && !parsed.Target.ProducesMany)
            throw new MappingException($"{path}.split", "split yields several values: the target must end in [] (e.g. penalties[]).");
        if (parsed.Item is not null && !parsed.Target.ProducesMany)
            throw new MappingException($"{path}.item", "item is only meaningful with a target ending in [].");
        return parsed;
    }

    private static CodeMap ParseCodeMap(string name, JsonNode? node, string path)
    {
        if (node is not JsonObject obj || obj["map"] is not JsonObject map)
            throw new MappingException(path, "a code map is {\"map\": {\"source code\": \"canonical value\"}, \"unknown\": \"reject\"}.");
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, value) in map)
        {
            entries[code.Trim()] = value is JsonValue s && s.TryGetValue<string>(out var text)
                ? text
                : throw new MappingException($"{path}.map.{code}", "the canonical value must be a string.");
        }

        var unknown = obj["unknown"] switch
        {
            null => UnknownCodePolicy.Reject,
            JsonValue s when s.TryGetValue<string>(out var action) => action switch
            {
                "reject" => UnknownCodePolicy.Reject,
                "keep" => new UnknownCodePolicy(UnknownCodeAction.Keep),
                "null" => new UnknownCodePolicy(UnknownCodeAction.Null),
                _ => throw new MappingException($"{path}.unknown", $"'{action}' is not a policy; use reject, keep, null or {{\"default\": \"value\"}}."),
            },
            JsonObject d when d["default"] is JsonValue dv && dv.TryGetValue<string>(out var value) =>
                new UnknownCodePolicy(UnknownCodeAction.Default, value),
            _ => throw new MappingException($"{path}.unknown", "use reject, keep, null or {\"default\": \"value\"}."),
        };
        return new CodeMap(name, entries, unknown);
    }

    private static Condition ParseCondition(JsonNode node, string path)
    {
        if (node is not JsonObject obj || obj["field"] is not JsonValue field || !field.TryGetValue<string>(out var name))
            throw new MappingException(path, "a condition is {\"field\": \"列名\", \"equals\": \"值\"} (or \"in\": [...], or \"exists\": true).");
        IReadOnlyList<string>? anyOf = null;
        if (obj["equals"] is { } equals)
            anyOf = [Scalar(equals)];
        else if (obj["in"] is JsonArray values)
            anyOf = values.Select(v => Scalar(v)).ToList();
        bool? exists = obj["exists"] is JsonValue e && e.TryGetValue<bool>(out var b) ? b : null;
        if (anyOf is null && exists is null)
            throw new MappingException(path, "give equals, in or exists.");
        return new Condition(name, anyOf, exists);
    }

    private static TextOperation ParseTextOperation(string op, string path) => op switch
    {
        "trim" => TextOperation.Trim,
        "halfWidth" => TextOperation.HalfWidth,
        "upper" => TextOperation.Upper,
        "lower" => TextOperation.Lower,
        "collapseSpaces" => TextOperation.CollapseSpaces,
        "documentNumber" => TextOperation.DocumentNumber,
        "nullIfEmpty" => TextOperation.NullIfEmpty,
        _ => throw new MappingException(path, $"'{op}' is not a text operation; use trim, halfWidth, upper, lower, collapseSpaces, documentNumber or nullIfEmpty."),
    };

    private static NumberUnit ParseUnit(JsonNode? node, string path) => node?.GetValue<string>() switch
    {
        null => NumberUnit.None,
        "yuan" => NumberUnit.Yuan,
        "wanYuan" => NumberUnit.WanYuan,
        var other => throw new MappingException(path, $"'{other}' is not a unit; use yuan or wanYuan."),
    };

    private static string Scalar(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        null => "",
        _ => node.ToJsonString(),
    };

    private static string? OptionalString(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new MappingException(path, "a string is required."),
    };

    private static IReadOnlyList<string> StringList(JsonNode? node, string path) => node switch
    {
        null => [],
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonArray a => a.Select(item => item is JsonValue iv && iv.TryGetValue<string>(out var s) ? s : throw new MappingException(path, "every entry must be a string.")).ToList(),
        _ => throw new MappingException(path, "a string or a list of strings is required."),
    };
}
