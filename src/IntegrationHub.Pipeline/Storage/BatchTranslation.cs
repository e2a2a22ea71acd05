using IntegrationHub.Contracts;
using IntegrationHub.Store.Batches;

namespace IntegrationHub.Pipeline.Storage;

/// <summary>The bus message as the store's own input: the store knows nothing of the bus.</summary>
public static class BatchTranslation
{
    public static BatchToCommit ToBatch(this RecordsNormalized message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var header = message.Batch;
        return new BatchToCommit
        {
            RunId = header.RunId,
            ConnectorId = header.ConnectorId,
            Sequence = header.Sequence,
            IsLast = header.IsLast,
            CheckpointAfter = header.CheckpointAfter,
            ReadAt = header.ReadAt,
            MappingVersion = message.MappingVersion,
            SourcePriority = message.SourcePriority,
            Accepted = [.. message.Accepted.Select(a => new AcceptedSourceRecord
            {
                SourceKey = a.SourceKey,
                SourceVersion = a.SourceVersion,
                Content = a.Record,
                ContentHash = a.ContentHash,
                CaseIdentity = a.CaseIdentity,
                Raw = a.Raw,
                InputHash = a.InputHash,
                Warnings = a.Warnings,
                Facts = a.Facts,
            })],
            Unchanged = [.. message.Unchanged.Select(u => new UnchangedSourceRecord(u.SourceKey, u.InputHash))],
            Rejected = [.. message.Rejected.Select(r => new RejectedSourceRecord { SourceKey = r.SourceKey, Raw = r.Raw, Reasons = r.Reasons })],
            Deleted = [.. message.Deleted.Select(d => new SourceDeletion(d.SourceKey, d.Superseded))],
        };
    }
}
