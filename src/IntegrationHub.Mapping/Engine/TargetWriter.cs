using System.Text.Json.Nodes;
using IntegrationHub.Mapping.Definition;

namespace IntegrationHub.Mapping.Engine;

/// <summary>Writes values into the canonical JSON at a target path, creating objects and array elements as needed.</summary>
internal static class TargetWriter
{
    public static void Set(JsonObject root, TargetPath path, IReadOnlyList<JsonNode> values, string? item)
    {
        JsonObject current = root;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var segment = path.Segments[i];
            var last = i == path.Segments.Count - 1;
            switch (segment.Kind)
            {
                case SegmentKind.Property when last:
                    current[segment.Name] = values[0];
                    return;
                case SegmentKind.Property:
                    current = current[segment.Name] as JsonObject ?? (JsonObject)(current[segment.Name] = new JsonObject());
                    break;
                case SegmentKind.Each:
                    var list = ArrayAt(current, segment.Name);
                    foreach (var value in values)
                        list.Add(item is null ? value : new JsonObject { [item] = value });
                    return;
                case SegmentKind.Index:
                    var array = ArrayAt(current, segment.Name);
                    while (array.Count <= segment.Index)
                        array.Add(null);
                    if (last)
                    {
                        array[segment.Index] = values[0];
                        return;
                    }

                    current = array[segment.Index] as JsonObject ?? (JsonObject)(array[segment.Index] = new JsonObject());
                    break;
                case SegmentKind.Select:
                    var selected = (current[segment.Name] as JsonArray)?.OfType<JsonObject>()
                        .FirstOrDefault(e => SourceFields.Text(e[segment.SelectKey!]) == segment.SelectValue);
                    if (selected is null || last)
                        return;
                    current = selected;
                    break;
            }
        }
    }

    /// <summary>Removes nulls, empty objects and empty arrays, so absent source data leaves no trace.</summary>
    public static bool Prune(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return true;
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (Prune(obj[key]))
                        obj.Remove(key);
                }

                return obj.Count == 0;
            case JsonArray array:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (Prune(array[i]))
                        array.RemoveAt(i);
                }

                return array.Count == 0;
            default:
                return false;
        }
    }

    private static JsonArray ArrayAt(JsonObject parent, string name) =>
        parent[name] as JsonArray ?? (JsonArray)(parent[name] = new JsonArray());
}
