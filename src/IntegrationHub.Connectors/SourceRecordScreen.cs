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

        Visit(record.Data, () => "", 1, limits, problems);
        if (problems.Count == 0)
            return record;
        var problem = string.Join(" ", record.Problem is null ? problems : [record.Problem, .. problems]);
        return record with { Problem = problem };
    }

    private static void Visit(JsonNode node, Func<string> path, int depth, SourceLimits limits, List<string> problems)
    {
        if (depth > limits.MaxDepth)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"The value of {Name(path())} nests deeper than {limits.MaxDepth} levels (rule: Hub:Limits:MaxDepth)."));
            return;
        }

        if (node is JsonObject obj)
        {
            List<(string Key, JsonNode? Value)>? cut = null;
            foreach (var (key, child) in obj)
            {
                if (SourceText.ForbiddenCharacter("a field name", key) is { } badName)
                    problems.Add(badName);
                if (Check(child, () => Join(path(), key), depth, limits, problems) is { } replacement)
                    (cut ??= []).Add((key, replacement));
            }

            foreach (var (key, value) in cut ?? [])
                obj[key] = value;
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var index = i;
                if (Check(array[i], () => string.Create(CultureInfo.InvariantCulture, $"{path()}[{index}]"), depth, limits, problems) is { } replacement)
                    array[i] = replacement;
            }
        }
    }

    /// <summary>Checks one value; returns what replaces it when it must not travel as it is.</summary>
    private static JsonNode? Check(JsonNode? child, Func<string> path, int depth, SourceLimits limits, List<string> problems)
    {
        if (child is JsonValue value && Text(value, out var text, out var invalid))
        {
            if (invalid is not null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"The value of {Name(path())} is not valid Unicode text ({invalid}) (rule: text is valid Unicode)."));
                return JsonValue.Create("\uFFFD");
            }

            if (text.Length > limits.MaxFieldLength)
            {
                problems.Add(SourceText.TooLong(Name(path()), text.Length, text, limits.MaxFieldLength));
                return JsonValue.Create(SourceText.Cut(text, text.Length));
            }

            if (SourceText.IsSuspicious(text) && SourceText.ForbiddenCharacter(Name(path()), text) is { } forbidden)
                problems.Add(forbidden);
        }
        else if (child is JsonObject or JsonArray)
        {
            Visit(child, path, depth + 1, limits, problems);
        }

        return null;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

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
