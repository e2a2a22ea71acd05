using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Merge;

/// <summary>
/// Merges the live sources of one case into its golden record, group by group: each field group comes from the source
/// of the highest priority, then the most recent read, that has a value for it — a source silent on a group never
/// erases another source's value. Two sources disagree on a group when a property both of them hold differs.
/// </summary>
public static class GoldenRecordMerger
{
    public static MergeResult Merge(IReadOnlyCollection<MergeSource> sources)
    {
        if (sources.Count == 0)
            throw new ArgumentException("A golden record needs at least one live source.", nameof(sources));

        var ranked = sources
            .OrderByDescending(s => s.Priority).ThenByDescending(s => s.ReadAt)
            .ThenBy(s => s.ConnectorId, StringComparer.Ordinal).ThenBy(s => s.SourceKey, StringComparer.Ordinal)
            .Select(s => (Source: s, Json: JsonNode.Parse(s.Content)!.AsObject()))
            .ToList();
        var merged = new JsonObject { ["schema"] = EnforcementAction.SchemaVersion };
        var lineage = new List<FieldLineage>();
        var conflicts = new List<FieldConflict>();
        foreach (var group in FieldGroups.All)
        {
            var holders = ranked.Select(r => (r.Source, Value: ValueOf(group, r.Json))).Where(h => h.Value.Count > 0).ToList();
            if (holders.Count == 0)
                continue;
            var (chosen, value) = holders[0];
            foreach (var (path, node) in value)
                merged[path] = node!.DeepClone();
            lineage.Add(new FieldLineage
            {
                Group = group.Name,
                Paths = group.Paths,
                Connector = chosen.ConnectorId,
                SourceKey = chosen.SourceKey,
                SourceVersion = chosen.SourceVersion,
                MappingVersion = chosen.MappingVersion,
                ReadAt = chosen.ReadAt,
            });
            if (Disagreement(group, holders.Select(h => h.Value).ToList()) is { Count: > 0 } paths)
            {
                conflicts.Add(new FieldConflict
                {
                    Group = group.Name,
                    Paths = paths,
                    ChosenConnector = chosen.ConnectorId,
                    ChosenSourceKey = chosen.SourceKey,
                    Values = [.. holders.Select(h => new ConflictingValue
                    {
                        Connector = h.Source.ConnectorId,
                        SourceKey = h.Source.SourceKey,
                        Priority = h.Source.Priority,
                        Value = h.Value.ToJsonString(CanonicalJson.Options),
                    })],
                });
            }
        }

        var record = CanonicalJson.Deserialize(merged.ToJsonString(CanonicalJson.Options)) with { Sources = [] };
        return new MergeResult
        {
            Record = record,
            ContentHash = CanonicalJson.ContentHash(record),
            Primary = ranked[0].Source,
            Lineage = lineage,
            Conflicts = conflicts,
        };
    }

    /// <summary>The group's properties the source holds; an empty list or object counts as silence.</summary>
    private static JsonObject ValueOf(FieldGroup group, JsonObject record)
    {
        var value = new JsonObject();
        foreach (var path in group.Paths)
        {
            if (record[path] is not { } node || node is JsonArray { Count: 0 } || node is JsonObject { Count: 0 })
                continue;
            value[path] = node.DeepClone();
        }

        return value;
    }

    /// <summary>The paths of the group on which two holders hold different values (a path only one of them holds is no disagreement).</summary>
    private static List<string> Disagreement(FieldGroup group, List<JsonObject> values) =>
        group.Paths
            .Where(path => values.Select(v => v[path]).OfType<JsonNode>().Distinct(JsonNodeEquality.Instance).Skip(1).Any())
            .ToList();

    private sealed class JsonNodeEquality : IEqualityComparer<JsonNode>
    {
        public static JsonNodeEquality Instance { get; } = new();

        public bool Equals(JsonNode? x, JsonNode? y) => JsonNode.DeepEquals(x, y);

        // Equal nodes have the same kind; the lists compared are a handful of sources long.
        public int GetHashCode(JsonNode obj) => (int)obj.GetValueKind();
    }
}
