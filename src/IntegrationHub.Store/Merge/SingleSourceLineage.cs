using IntegrationHub.Store.Model;

namespace IntegrationHub.Store.Merge;

/// <summary>
/// The field lineage of a golden record held by one source: every field group the record holds came from that source.
/// It follows from the record and its source row, so the store does not keep it (<c>field_lineage</c> is null); it is
/// derived when asked for. Only records merged from several sources store their lineage.
/// </summary>
public static class SingleSourceLineage
{
    /// <param name="content">The record's canonical JSON.</param>
    /// <param name="connector">The one source's connector.</param>
    /// <param name="sourceKey">Its key.</param>
    /// <param name="sourceVersion">Its version, when the source has one.</param>
    /// <param name="mappingVersion">The mapping version that produced the record.</param>
    /// <param name="readAt">When its page was read.</param>
    public static IReadOnlyList<FieldLineage> Of(string content, string connector, string sourceKey, string? sourceVersion, long mappingVersion,
        DateTimeOffset readAt)
    {
        var present = CanonicalContent.PresentProperties(content);
        return [.. FieldGroups.All
            .Where(g => g.Paths.Any(present.Contains))
            .Select(g => new FieldLineage
            {
                Group = g.Name,
                Paths = g.Paths,
                Connector = connector,
                SourceKey = sourceKey,
                SourceVersion = sourceVersion,
                MappingVersion = mappingVersion,
                ReadAt = readAt,
            })];
    }
}
