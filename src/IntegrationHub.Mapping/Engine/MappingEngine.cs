using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Validation;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Mapping.Engine;

/// <summary>
/// Applies a mapping to one raw source record and builds the canonical JSON. Pure: no I/O, no clock, so the same input
/// always gives the same output. Problems (an unknown code, an unreadable date) are collected, never thrown, so that a
/// record is quarantined with every reason at once.
/// </summary>
public sealed class MappingEngine(MappingDefinition mapping)
{
    // Rules that select an array element ([type=fine]) run after the rules that create the elements.
    private readonly IReadOnlyList<FieldRule> _orderedRules = [.. mapping.Fields.Where(r => !r.Target.HasSelector), .. mapping.Fields.Where(r => r.Target.HasSelector)];

    public MappingDefinition Mapping { get; } = mapping;

    /// <summary>The record's source key (key fields joined by '/'), or null when a key field is empty or absent.</summary>
    public string? SourceKeyOf(JsonObject raw)
    {
        var parts = new List<string>(Mapping.SourceKey.Count);
        foreach (var field in Mapping.SourceKey)
        {
            if (SourceFields.Text(raw, field) is not { } part)
                return null;
            parts.Add(part);
        }

        return string.Join("/", parts);
    }

    public MappedRecord Map(JsonObject raw)
    {
        var issues = new List<ValidationIssue>();
        var keyParts = Mapping.SourceKey.Select(field => SourceFields.Text(raw, field)).ToList();
        string sourceKey;
        if (keyParts.Any(part => part is null))
        {
            var missing = string.Join("/", Mapping.SourceKey.Where((_, i) => keyParts[i] is null));
            issues.Add(ValidationIssue.Error("sourceKey", missing, null, "mapping.source-key-missing",
                $"来源记录缺少主键字段“{missing}”，无法识别该记录。",
                $"The source record has no value in its key field '{missing}', so it cannot be identified."));
            sourceKey = "(no key)";
        }
        else
        {
            sourceKey = string.Join("/", keyParts);
        }

        var sourceVersion = Mapping.SourceVersion is null ? null : SourceFields.Text(raw, Mapping.SourceVersion);
        var output = new JsonObject { ["schema"] = EnforcementAction.SchemaVersion };
        foreach (var rule in _orderedRules)
        {
            if (rule.When is { } when && !Holds(when, raw))
                continue;
            var values = Produce(rule, raw, issues);
            if (values.Count > 0)
                TargetWriter.Set(output, rule.Target, values, rule.Item);
        }

        TargetWriter.Prune(output);
        return new MappedRecord(sourceKey, sourceVersion, output, issues);
    }

    private static bool Holds(Condition condition, JsonObject raw)
    {
        var value = SourceFields.Text(raw, condition.Field)?.Trim();
        if (condition.Exists is { } exists && exists != (value is not null))
            return false;
        return condition.AnyOf is null || (value is not null && condition.AnyOf.Contains(value, StringComparer.Ordinal));
    }

    private static List<JsonNode> Produce(FieldRule rule, JsonObject raw, List<ValidationIssue> issues)
    {
        if (rule.Const is not null)
            return [rule.Const.DeepClone()];

        var texts = ReadTexts(rule, raw);
        if (texts.Count == 0)
            return rule.Default is null ? [] : [rule.Default.DeepClone()];

        var values = new List<JsonNode>();
        foreach (var text in texts)
        {
            if (Convert(rule, text, issues) is { } node)
                values.Add(node);
        }

        return values;
    }

    /// <summary>
    /// The rule's texts from the record: the first of its source fields that has any (each item of an array), each through
    /// the rule's text operations in order, then split, blanks dropped. Plain loops, with no iterator or lambda per rule
    /// (a template's lookup aside): this runs for every rule of every record.
    /// </summary>
    private static List<string> ReadTexts(FieldRule rule, JsonObject raw)
    {
        var found = new List<string>(1);
        if (rule.Template is not null)
        {
            if (TemplatePlaceholder.Fill(rule.Template, name => SourceFields.Text(raw, name)) is { } filled)
                found.Add(filled);
        }
        else
        {
            for (var f = 0; f < rule.From.Count && found.Count == 0; f++)
            {
                var node = SourceFields.Find(raw, rule.From[f]);
                if (node is JsonArray array)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (SourceFields.Text(array[i]) is { } text)
                            found.Add(text);
                    }
                }
                else if (SourceFields.Text(node) is { } single)
                {
                    found.Add(single);
                }
            }
        }

        var separators = rule.Split.Count > 0 ? rule.Split.ToArray() : null;
        var texts = new List<string>(found.Count);
        foreach (var text in found)
        {
            var normalized = text;
            for (var o = 0; o < rule.Text.Count; o++)
                normalized = TextNormalizer.Apply(normalized, rule.Text[o]);
            if (separators is null)
            {
                if (!string.IsNullOrWhiteSpace(normalized))
                    texts.Add(normalized);
                continue;
            }

            foreach (var part in normalized.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!string.IsNullOrWhiteSpace(part))
                    texts.Add(part);
            }
        }

        return texts;
    }

    private static JsonNode? Convert(FieldRule rule, string text, List<ValidationIssue> issues)
    {
        var field = rule.Target.Text;
        if (rule.Code is { } code)
        {
            var key = text.Trim();
            if (code.Entries.TryGetValue(key, out var mapped))
                text = mapped;
            else
            {
                switch (code.Unknown.Action)
                {
                    case UnknownCodeAction.Keep:
                        break;
                    case UnknownCodeAction.Null:
                        return null;
                    case UnknownCodeAction.Default:
                        text = code.Unknown.DefaultValue!;
                        break;
                    default:
                        issues.Add(ValidationIssue.Error(field, rule.SourceField, key, "mapping.code-unknown",
                            $"字段“{field}”（来源“{rule.SourceField}”）的代码“{key}”不在代码表“{code.Name}”中。",
                            $"{field} (from {rule.SourceField}): code \"{key}\" is not in code list '{code.Name}'."));
                        return null;
                }
            }
        }

        if (rule.DateFormats.Count > 0)
        {
            if (ValueParsers.TryParseDate(text, rule.DateFormats, out var date))
                return JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var formats = string.Join(", ", rule.DateFormats);
            issues.Add(ValidationIssue.Error(field, rule.SourceField, text, "mapping.date-format",
                $"字段“{field}”（来源“{rule.SourceField}”）的值“{text}”不是有效日期，可接受的格式：{formats}。",
                $"{field} (from {rule.SourceField}): \"{text}\" is not a valid date in any accepted format ({formats})."));
            return null;
        }

        if (rule.Number is { } number)
        {
            if (ValueParsers.TryParseAmount(text, number.Unit, out var amount))
                return JsonValue.Create(amount);
            issues.Add(ValidationIssue.Error(field, rule.SourceField, text, "mapping.number-format",
                $"字段“{field}”（来源“{rule.SourceField}”）的值“{text}”不是有效数字。",
                $"{field} (from {rule.SourceField}): \"{text}\" is not a number."));
            return null;
        }

        if (rule.Bool is { } words)
        {
            var key = text.Trim();
            if (words.True.Contains(key, StringComparer.OrdinalIgnoreCase))
                return JsonValue.Create(true);
            if (words.False.Contains(key, StringComparer.OrdinalIgnoreCase))
                return JsonValue.Create(false);
            issues.Add(ValidationIssue.Error(field, rule.SourceField, key, "mapping.bool-value",
                $"字段“{field}”（来源“{rule.SourceField}”）的值“{key}”既不是“是”也不是“否”（可接受：{string.Join("、", words.True.Concat(words.False))}）。",
                $"{field} (from {rule.SourceField}): \"{key}\" is neither yes nor no (accepted: {string.Join(", ", words.True.Concat(words.False))})."));
            return null;
        }

        return JsonValue.Create(text);
    }
}
