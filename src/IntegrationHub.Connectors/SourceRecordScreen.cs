using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors;

/// <summary>
/// Screens every record a connector reads against <see cref="SourceLimits"/> and the characters text may hold. A record
/// that fails gets a <see cref="SourceRecord.Problem"/> naming the field, the value and the rule, so it is quarantined
/// rather than stored; a value over the length limit is cut to its start, so a hostile field never travels whole.
/// </summary>
public static class SourceRecordScreen
{
    public static SourceRecord Screen(SourceRecord record, SourceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(limits);
        var problems = new List<string>();
        if (record.Data.Count > limits.MaxFields)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The record has {record.Data.Count:N0} fields, over the limit of {limits.MaxFields:N0} (rule: Hub:Limits:MaxFields)."));
        }

        Visit(record.Data, null, 1, limits, problems);
        if (problems.Count == 0)
            return record;
        var problem = string.Join(" ", record.Problem is null ? problems : [record.Problem, .. problems]);
        return record with { Problem = problem };
    }

    /// <summary>
    /// Where a value sits: the path of its container (null for the record itself) and its own key, or its index in an
    /// array. Written out only when a problem names it: screening allocates one per nested object or array, nothing per
    /// field.
    /// </summary>
    private sealed class FieldPath(FieldPath? container, string? key, int index)
    {
        public override string ToString() => Of(container, key, index);

        public static string Of(FieldPath? container, string? key, int index)
        {
            var prefix = container?.ToString() ?? "";
            if (key is null)
                return string.Create(CultureInfo.InvariantCulture, $"{prefix}[{index}]");
            return prefix.Length == 0 ? key : $"{prefix}.{key}";
        }
    }

    private static void Visit(JsonNode node, FieldPath? path, int depth, SourceLimits limits, List<string> problems)
    {
        if (depth > limits.MaxDepth)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The value of {Name(path?.ToString() ?? "")} nests deeper than {limits.MaxDepth} levels (rule: Hub:Limits:MaxDepth)."));
            return;
        }

        if (node is JsonObject obj)
        {
            List<(string Key, JsonNode? Value)>? cut = null;
            foreach (var (key, child) in obj)
            {
                if (SourceText.ForbiddenCharacter("a field name", key) is { } badName)
                    problems.Add(badName);
                if (Check(child, path, key, -1, depth, limits, problems) is { } replacement)
                    (cut ??= []).Add((key, replacement));
            }

            foreach (var (key, value) in cut ?? [])
                obj[key] = value;
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (Check(array[i], path, null, i, depth, limits, problems) is { } replacement)
                    array[i] = replacement;
            }
        }
    }

    /// <summary>Checks one value (<paramref name="key"/> of an object, or <paramref name="index"/> of an array); returns what replaces it when it must not travel as it is.</summary>
    private static JsonNode? Check(JsonNode? child, FieldPath? container, string? key, int index, int depth, SourceLimits limits, List<string> problems)
    {
        if (child is JsonValue value && Text(value, out var text, out var invalid))
        {
            if (invalid is not null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The value of {Name(FieldPath.Of(container, key, index))} is not valid Unicode text ({invalid}) (rule: text is valid Unicode)."));
                return JsonValue.Create("\uFFFD");
            }

            if (text.Length > limits.MaxFieldLength)
            {
                problems.Add(SourceText.TooLong(Name(FieldPath.Of(container, key, index)), text.Length, text, limits.MaxFieldLength));
                return JsonValue.Create(SourceText.Cut(text, text.Length));
            }

            if (SourceText.IsSuspicious(text) && SourceText.ForbiddenCharacter(Name(FieldPath.Of(container, key, index)), text) is { } forbidden)
                problems.Add(forbidden);
        }
        else if (child is JsonObject or JsonArray)
        {
            Visit(child, new FieldPath(container, key, index), depth + 1, limits, problems);
        }

        return null;
    }

    /// <summary>The string of a JSON value; a lone surrogate escape (<c>"\ud800"</c>) parses but cannot become a string.</summary>
    private static bool Text(JsonValue value, out string text, out string? invalid)
    {
        invalid = null;
        try
        {
            return value.TryGetValue(out text!);
        }
        catch (InvalidOperationException ex)
        {
            text = "";
            invalid = ex.Message;
            return true;
        }
    }

    private static string Name(string path) => SourceText.Excerpt(path);
}
