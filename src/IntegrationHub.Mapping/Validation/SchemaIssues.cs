using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Canonical.Validation;
using Json.Schema;

namespace IntegrationHub.Mapping.Validation;

/// <summary>Turns JSON Schema evaluation output into issues an operator can read, in Chinese and English.</summary>
public static partial class SchemaIssues
{
    // Keywords that only report that a sub-schema failed; the sub-schema's own error says why.
    private static readonly HashSet<string> Structural = ["$ref", "allOf", "anyOf", "oneOf", "if", "then", "else", "properties", "items", "prefixItems", "$defs"];

    public static IEnumerable<ValidationIssue> From(EvaluationResults results, JsonNode instance, Func<string, string?> sourceFieldOf)
    {
        if (results.IsValid)
            yield break;
        var seen = new HashSet<(string, string)>();
        foreach (var detail in results.Details.Prepend(results))
        {
            // A failed "if" only chooses the branch; it is not a problem of the record.
            if (detail.Errors is null || detail.EvaluationPath.ToString().Contains("/if", StringComparison.Ordinal))
                continue;
            foreach (var (keyword, escaped) in detail.Errors)
            {
                var message = escaped.Replace("\\u0022", "\"", StringComparison.Ordinal);
                if (Structural.Contains(keyword))
                    continue;
                var location = ToFieldPath(detail.InstanceLocation.ToString());
                if (keyword == "required")
                {
                    foreach (var missing in MissingProperties(message))
                    {
                        var field = location.Length == 0 ? missing : $"{location}.{missing}";
                        if (seen.Add((field, keyword)))
                            yield return Required(field, sourceFieldOf(field));
                    }

                    continue;
                }

                if (!seen.Add((location, keyword)))
                    continue;
                var value = Describe(detail.InstanceLocation.TryEvaluate(instance, out var found) ? found : null);
                yield return ValidationIssue.Error(location, sourceFieldOf(location), value, $"schema.{keyword}",
                    $"字段“{location}”的值“{value}”{Chinese(keyword)}（{message}）。",
                    $"{location}: \"{value}\" {message}");
            }
        }
    }

    /// <summary>
    /// A record the schema accepts but the canonical type cannot hold (a number beyond the field's range, say): the
    /// deserializer's complaint as an error on the field it names, so the record is quarantined like any other.
    /// </summary>
    public static ValidationIssue Unrepresentable(System.Text.Json.JsonException exception, JsonNode instance, Func<string, string?> sourceFieldOf)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(sourceFieldOf);
        var field = exception.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "";
        var named = field.Length == 0 ? "(record)" : field;
        var pointer = Json.Pointer.JsonPointer.Parse("/" + string.Join('/', field.Replace("]", "", StringComparison.Ordinal).Split('.', '[')));
        var value = field.Length > 0 && pointer.TryEvaluate(instance, out var found) ? Describe(found) : null;
        var reason = exception.InnerException?.Message ?? exception.Message;
        return ValidationIssue.Error(field, sourceFieldOf(field), value, "schema.unrepresentable",
            $"字段“{named}”的值“{value}”无法存入规范记录（{reason}）。",
            $"{named}: \"{value}\" cannot be held by the canonical record ({reason}).");
    }

    private static ValidationIssue Required(string field, string? sourceField) =>
        ValidationIssue.Error(field, sourceField, null, "schema.required",
            $"缺少必填字段“{field}”{(sourceField is null ? "" : $"（来源“{sourceField}”为空或不存在）")}。",
            $"{field} is required but missing{(sourceField is null ? "" : $" (source field {sourceField} is empty or absent)")}.");

    private static string Chinese(string keyword) => keyword switch
    {
        "enum" => "不在规定的代码表中",
        "const" => "不是规定的值",
        "pattern" => "格式不符合规定",
        "format" => "格式不符合规定",
        "type" => "类型不正确",
        "minimum" or "exclusiveMinimum" => "小于允许的最小值",
        "maximum" or "exclusiveMaximum" => "大于允许的最大值",
        "minLength" => "长度不足",
        "maxLength" => "超过最大长度",
        "additionalProperties" or "unevaluatedProperties" => "是不允许的字段",
        "minItems" => "项数不足",
        _ => $"不符合规则“{keyword}”",
    };

    private static string ToFieldPath(string pointer)
    {
        if (pointer is "" or "#" or "/")
            return "";
        var parts = pointer.TrimStart('#').Trim('/').Split('/');
        var builder = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(name, out _))
                builder.Append('[').Append(name).Append(']');
            else
                builder.Append(builder.Length == 0 ? "" : ".").Append(name);
        }

        return builder.ToString();
    }

    private static IEnumerable<string> MissingProperties(string message)
    {
        var match = QuotedList().Match(message);
        return match.Success
            ? match.Groups[1].Value.Split(',').Select(s => s.Trim().Trim('"')).Where(s => s.Length > 0)
            : ["?"];
    }

    private static string Describe(JsonNode? value)
    {
        var text = value switch
        {
            null => "null",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => value.ToJsonString(),
        };
        return text.Length > 200 ? string.Concat(text.AsSpan(0, 200), "…") : text;
    }

    [GeneratedRegex(@"\[(.*)\]")]
    private static partial Regex QuotedList();
}
