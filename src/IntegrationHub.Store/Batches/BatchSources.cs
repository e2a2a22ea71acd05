using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Store.Merge;

namespace IntegrationHub.Store.Batches;

/// <summary>
/// What a batch's own accepted records give the store whatever is stored already: each one's source row content (the
/// canonical JSON with its lineage as read) and its merge candidate, with the golden record of a case it holds alone
/// composed in advance. Computed on first use, or all at once by <see cref="PrepareAll"/> before the writer's
/// transaction begins, so that the single writer spends its time writing when most records of a batch are new.
/// </summary>
internal sealed class BatchSources(BatchToCommit batch, long now)
{
    private readonly Dictionary<AcceptedSourceRecord, (string Content, MergeCandidate Candidate)> _byRecord =
        new(ReferenceEqualityComparer.Instance);

    private readonly long _readAt = batch.ReadAt.ToUnixTimeMilliseconds();

    /// <summary>Prepares every accepted record (worth it when most of them will be written).</summary>
    public void PrepareAll()
    {
        foreach (var accepted in batch.Accepted)
            Prepared(accepted);
    }

    /// <summary>The row content of an accepted record of this batch.</summary>
    public string ContentOf(AcceptedSourceRecord accepted) => Prepared(accepted).Content;

    /// <summary>An accepted record of this batch as a live source of golden record <paramref name="recordId"/>.</summary>
    public MergeCandidate CandidateOf(AcceptedSourceRecord accepted, string recordId) => Prepared(accepted).Candidate with { RecordId = recordId };

    private (string Content, MergeCandidate Candidate) Prepared(AcceptedSourceRecord accepted)
    {
        if (_byRecord.TryGetValue(accepted, out var prepared))
            return prepared;
        // The source's own copy carries its lineage as read (received when its page was read), as it always has.
        var ownLineage = new SourceLineage
        {
            Connector = batch.ConnectorId,
            SourceKey = accepted.SourceKey,
            SourceVersion = accepted.SourceVersion,
            ReceivedAt = batch.ReadAt,
            MappingVersion = batch.MappingVersion,
        };
        var candidate = new MergeCandidate
        {
            RecordId = "",
            ConnectorId = batch.ConnectorId,
            SourceKey = accepted.SourceKey,
            Priority = batch.SourcePriority,
            ContentHash = accepted.ContentHash,
            Content = accepted.Content,
            SourceVersion = accepted.SourceVersion,
            MappingVersion = batch.MappingVersion,
            ReadAt = _readAt,
            ReceivedAt = now,
            Facts = accepted.Facts ?? RecordFacts.Of(CanonicalJson.Deserialize(accepted.Content)),
        };
        return _byRecord[accepted] = (CanonicalContent.WithLineage(accepted.Content, [ownLineage]), candidate with { Alone = GoldenComposer.Compose([candidate]) });
    }
}
