using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Mapping.Engine;

namespace IntegrationHub.Mapping.Validation;

/// <summary>
/// Reads values of a canonical record for the quality rules. A value of the wrong shape reads as absent: the schema
/// already reports it as an error, and a warning rule must never throw on a record it cannot judge.
/// </summary>
internal static class CanonicalValues
{
    public static DateOnly? Date(JsonObject record, string path) =>
        SourceFields.Text(SourceFields.Find(record, path)) is { } text
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    public static string? Text(JsonObject record, string path) =>
        SourceFields.Find(record, path) is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? SourceFields.Text(value)
            : null;

    /// <summary>The record's category; null when absent or not one of the ten camelCase names.</summary>
    public static ActionCategory? Category(JsonObject record) =>
        Text(record, "category") is { Length: > 0 } text
        && char.IsAsciiLetterLower(text[0])
        && Enum.TryParse<ActionCategory>(text, ignoreCase: true, out var category)
            ? category
            : null;

    public static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>True or false for a JSON boolean; null when absent or not a boolean.</summary>
    public static bool? Bool(JsonObject record, string path) =>
        (SourceFields.Find(record, path) as JsonValue)?.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

    /// <summary>The objects of the array property <paramref name="name"/>, with their index; none when it is absent.</summary>
    public static IEnumerable<(int Index, JsonObject Item)> Items(JsonObject record, string name)
    {
        if (record[name] is not JsonArray array)
            yield break;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
                yield return (i, item);
        }
    }

    public static bool Has(JsonObject record, string path) => SourceFields.Text(SourceFields.Find(record, path)) is not null;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Yuan(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
