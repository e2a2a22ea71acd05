using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Mapping.Definition;

/// <summary>
/// Reads a mapping document into a <see cref="MappingDefinition"/>: checks every key and value of the whole document and
/// names the offending one (<see cref="MappingException"/>), so a broken mapping fails at registration, not record by record.
/// </summary>
internal static class MappingDefinitionParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A target written twice is a copy-paste slip; which of the two rules wins must not depend on the parser.
        AllowDuplicateProperties = false,
    };

    private static readonly string[] RootKeys = ["$schema", "version", "sourceKey", "sourceVersion", "codeLists", "fields", "description"];
    private static readonly string[] RuleKeys = ["from", "const", "default", "template", "when", "text", "split", "code", "date", "number", "bool", "item", "description"];
    private static readonly string[] CodeMapKeys = ["map", "unknown", "description"];
    private static readonly string[] ConditionKeys = ["field", "equals", "in", "exists"];

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
        CheckKeys(root, null, RootKeys, "unknown key; expected version, sourceKey, sourceVersion, codeLists, fields or description.");
        OptionalString(root["$schema"], "$schema");
        OptionalString(root["description"], "description");
        var version = root["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n == decimal.Truncate(n) && n is >= 1 and <= int.MaxValue
            ? (int)n
            : throw new MappingException("version", "a positive integer is required; raise it whenever the mapping changes.");
        if (root["sourceKey"] is null or JsonArray { Count: 0 })
            throw new MappingException("sourceKey", "name the source field (or fields) that identify a record.");
        var sourceKey = StringList(root["sourceKey"], "sourceKey");

        var codeLists = new Dictionary<string, CodeMap>(StringComparer.Ordinal);
        switch (root["codeLists"])
        {
            case null:
                break;
            case JsonObject lists:
                foreach (var (name, node) in lists)
                    codeLists[name] = ParseCodeMap(name, node, $"codeLists.{name}");
                break;
            default:
                throw new MappingException("codeLists", "an object of list name → code map is required.");
        }

        var fields = root["fields"] as JsonObject
            ?? throw new MappingException("fields", "an object of target path → rule is required.");
        var rules = fields.Select(pair => ParseRule(pair.Key, pair.Value, codeLists)).ToList();

        return new MappingDefinition
        {
            Version = version,
            SourceKey = sourceKey,
            SourceVersion = OptionalString(root["sourceVersion"], "sourceVersion"),
            Fields = rules,
            Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root.ToJsonString()))),
        };
    }

    private static FieldRule ParseRule(string target, JsonNode? node, Dictionary<string, CodeMap> codeLists)
    {
        var path = $"fields.{target}";
        if (node is not JsonObject rule)
            throw new MappingException(path, "a rule must be an object such as {\"from\": \"列名\"}.");
        CheckKeys(rule, path, RuleKeys, "unknown rule key; see docs/mapping.md for the keys a field rule takes.");
        OptionalString(rule["description"], $"{path}.description");

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
                JsonObject number => ParseNumber(number, $"{path}.number"),
                JsonValue flag when flag.TryGetValue<bool>(out var b) && b => new NumberRule(NumberUnit.None),
                _ => throw new MappingException($"{path}.number", "use true or {\"unit\": \"yuan\" | \"wanYuan\"}."),
            },
            Bool = rule["bool"] switch
            {
                null => null,
                JsonObject words => ParseBoolWords(words, $"{path}.bool"),
                _ => throw new MappingException($"{path}.bool", "use {\"true\": [\"是\"], \"false\": [\"否\"]}."),
            },
            Item = OptionalString(rule["item"], $"{path}.item"),
        };

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
        const string Shape = "a code map is {\"map\": {\"source code\": \"canonical value\"}, \"unknown\": \"reject\"}.";
        if (node is not JsonObject obj)
            throw new MappingException(path, Shape);
        CheckKeys(obj, path, CodeMapKeys, "unknown key; a code map takes map, unknown and description.");
        OptionalString(obj["description"], $"{path}.description");
        if (obj["map"] is not JsonObject map)
            throw new MappingException(path, Shape);
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
            JsonObject d when d.Count == 1 && d["default"] is JsonValue dv && dv.TryGetValue<string>(out var value) =>
                new UnknownCodePolicy(UnknownCodeAction.Default, value),
            _ => throw new MappingException($"{path}.unknown", "use reject, keep, null or {\"default\": \"value\"}."),
        };
        return new CodeMap(name, entries, unknown);
    }

    private static Condition ParseCondition(JsonNode node, string path)
    {
        const string Shape = "a condition is {\"field\": \"列名\", \"equals\": \"值\"} (or \"in\": [...], or \"exists\": true).";
        if (node is not JsonObject obj)
            throw new MappingException(path, Shape);
        CheckKeys(obj, path, ConditionKeys, "unknown key; " + Shape);
        var name = OptionalString(obj["field"], $"{path}.field") ?? throw new MappingException(path, Shape);
        IReadOnlyList<string>? anyOf = (obj["equals"], obj["in"]) switch
        {
            (null, null) => null,
            ({ } equals, null) => [Scalar(equals, $"{path}.equals")],
            (null, JsonArray { Count: > 0 } values) => values.Select(v => Scalar(v, $"{path}.in")).ToList(),
            (null, _) => throw new MappingException($"{path}.in", "a non-empty list of values is required."),
            _ => throw new MappingException(path, "give equals or in, not both."),
        };
        bool? exists = obj["exists"] switch
        {
            null => null,
            JsonValue e when e.TryGetValue<bool>(out var b) => b,
            _ => throw new MappingException($"{path}.exists", "true or false is required."),
        };
        if (anyOf is null && exists is null)
            throw new MappingException(path, "give equals, in or exists.");
        return new Condition(name, anyOf, exists);
    }

    private static NumberRule ParseNumber(JsonObject number, string path)
    {
        CheckKeys(number, path, ["unit"], "unknown key; use {\"unit\": \"yuan\" | \"wanYuan\"}.");
        return new NumberRule(ParseUnit(number["unit"], $"{path}.unit"));
    }

    private static BoolWords ParseBoolWords(JsonObject words, string path)
    {
        CheckKeys(words, path, ["true", "false"], "unknown key; list the words for yes under true and for no under false.");
        if (words["true"] is null)
            throw new MappingException($"{path}.true", "list the words that mean yes.");
        if (words["false"] is null)
            throw new MappingException($"{path}.false", "list the words that mean no.");
        return new BoolWords(StringList(words["true"], $"{path}.true"), StringList(words["false"], $"{path}.false"));
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

    private static NumberUnit ParseUnit(JsonNode? node, string path) => OptionalString(node, path) switch
    {
        null => NumberUnit.None,
        "yuan" => NumberUnit.Yuan,
        "wanYuan" => NumberUnit.WanYuan,
        var other => throw new MappingException(path, $"'{other}' is not a unit; use yuan or wanYuan."),
    };

    /// <summary>A condition value as the source field's text would read: numbers and true/false as written in JSON.</summary>
    private static string Scalar(JsonNode? node, string path) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
        _ => throw new MappingException(path, "a string, a number or true/false is required."),
    };

    /// <summary>Every key must be one the object takes, and none may be null: a key is given a value or left out.</summary>
    private static void CheckKeys(JsonObject obj, string? path, string[] allowed, string unknownMessage)
    {
        foreach (var (key, value) in obj)
        {
            var at = path is null ? key : $"{path}.{key}";
            if (!allowed.Contains(key, StringComparer.Ordinal))
                throw new MappingException(at, unknownMessage);
            if (value is null)
                throw new MappingException(at, "null is not a value here; leave the key out instead.");
        }
    }

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
        JsonArray { Count: 0 } => throw new MappingException(path, "an empty list means nothing here; give at least one string or leave the key out."),
        JsonArray a => a.Select(item => item is JsonValue iv && iv.TryGetValue<string>(out var s) ? s : throw new MappingException(path, "every entry must be a string.")).ToList(),
        _ => throw new MappingException(path, "a string or a list of strings is required."),
    };
}
