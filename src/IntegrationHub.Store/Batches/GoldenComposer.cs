using System.Text.Json;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Merge;

namespace IntegrationHub.Store.Batches;

/// <summary>
/// Composes a golden record from its live sources. A case held by one source that this batch wrote is that record as it
/// is: its hash, its text with the lineage spliced in, no parse and no field lineage to store (the fast path, most
/// records). Anything else goes through <see cref="GoldenRecordMerger"/>, which parses each source once. Both give the
/// same text for the same sources.
/// </summary>
internal static class GoldenComposer
{
    public static ComposedGolden Compose(IReadOnlyList<MergeCandidate> sources)
    {
        if (sources is [{ Alone: { } composed }])
            return composed;
        var lineage = sources
            .OrderByDescending(s => s.Priority).ThenBy(s => s.ConnectorId, StringComparer.Ordinal).ThenBy(s => s.SourceKey, StringComparer.Ordinal)
            .Select(s => new SourceLineage
            {
                Connector = s.ConnectorId,
                SourceKey = s.SourceKey,
                SourceVersion = s.SourceVersion,
                ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(s.ReceivedAt),
                MappingVersion = (int)s.MappingVersion,
            })
            .ToList();
        return sources is [{ Facts: { } facts } only] ? Alone(only, facts, lineage) : Merged(sources, lineage);
    }

    // Its field lineage follows from the record and its source row: not stored (SingleSourceLineage derives it).
    private static ComposedGolden Alone(MergeCandidate source, RecordFacts facts, List<SourceLineage> lineage) =>
        new(source.ContentHash, CanonicalContent.WithLineage(source.Content, lineage), null, [], source.ConnectorId, facts);

    private static ComposedGolden Merged(IReadOnlyList<MergeCandidate> sources, List<SourceLineage> lineage)
    {
        var merged = GoldenRecordMerger.Merge([.. sources.Select(s => new MergeSource
        {
            ConnectorId = s.ConnectorId,
            SourceKey = s.SourceKey,
            Priority = s.Priority,
            SourceVersion = s.SourceVersion,
            MappingVersion = s.MappingVersion,
            ReadAt = DateTimeOffset.FromUnixTimeMilliseconds(s.ReadAt),
            Content = s.Content,
        })]);
        var record = merged.Record with { Sources = lineage };
        return new ComposedGolden(merged.ContentHash, CanonicalJson.Serialize(record),
            JsonSerializer.Serialize(merged.Lineage, CanonicalJson.Options), merged.Conflicts, merged.Primary.ConnectorId, RecordFacts.Of(record));
    }
}
