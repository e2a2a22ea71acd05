using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Mapping;
using IntegrationHub.Mapping.Identity;
using IntegrationHub.Mapping.Validation;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>
/// Maps and validates every record of a batch; an invalid record is set aside with its reasons, the rest go on. The
/// same per-record step serves the preview, so what a preview shows is exactly what a run would store.
/// </summary>
public sealed class BatchNormalizer(NormalizerCache normalizers)
{
    public RecordsNormalized Normalize(SourceRecordsRead message, ConnectorDefinition connector)
    {
        ArgumentNullException.ThrowIfNull(message);
        var accepted = new List<NormalizedRecord>(message.Records.Count);
        var rejected = new List<RejectedRecord>();
        var deleted = new List<(int Position, DeletedRecord Record)>();
        var lastAccepted = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = -1;
        foreach (var outcome in NormalizeEach(message.Records, connector, message.Batch.ReadAt))
        {
            position++;
            switch (outcome)
            {
                case NormalizationOutcome.Accepted a:
                    lastAccepted[a.Record.SourceKey] = position;
                    accepted.Add(a.Record);
                    break;
                case NormalizationOutcome.Rejected r:
                    rejected.Add(r.Record);
                    break;
                case NormalizationOutcome.Deleted d:
                    deleted.Add((position, d.Record));
                    break;
            }
        }

        return new RecordsNormalized
        {
            Batch = message.Batch,
            MappingVersion = connector.Mapping.Version,
            SourcePriority = connector.Priority,
            Accepted = accepted,
            Rejected = rejected,
            Deleted = [.. deleted.Select(d => d.Record with
            {
                Superseded = lastAccepted.TryGetValue(d.Record.SourceKey, out var later) && later > d.Position,
            })],
        };
    }

    /// <summary>What becomes of each raw record, in order.</summary>
    public IEnumerable<NormalizationOutcome> NormalizeEach(IEnumerable<RawSourceRecord> records, ConnectorDefinition connector, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(connector);
        var normalizer = normalizers.For(connector);
        foreach (var raw in records)
            yield return NormalizeOne(raw, connector, normalizer, readAt);
    }

    private static NormalizationOutcome NormalizeOne(RawSourceRecord raw, ConnectorDefinition connector, RecordNormalizer normalizer, DateTimeOffset readAt)
    {
        var payload = Parse(raw.Payload);
        if (raw.Problem is { } problem)
        {
            var key = (payload is null ? null : normalizer.SourceKeyOf(payload)) ?? raw.Origin ?? "(unreadable)";
            return new NormalizationOutcome.Rejected(new RejectedRecord
            {
                SourceKey = key,
                Raw = raw.Payload,
                Reasons = [ValidationIssue.Error("$", raw.Origin, Truncate(raw.Payload), "source.unreadable",
                    $"来源数据{(raw.Origin is null ? "" : $"（{raw.Origin}）")}无法读取为一条记录：{problem}",
                    $"The source{(raw.Origin is null ? "" : $" ({raw.Origin})")} could not be read as a record: {problem}")],
            });
        }

        if (payload is null)
        {
            return new NormalizationOutcome.Rejected(new RejectedRecord
            {
                SourceKey = raw.Origin ?? "(unreadable)",
                Raw = raw.Payload,
                Reasons = [ValidationIssue.Error("$", raw.Origin, Truncate(raw.Payload), "source.json",
                    "来源记录不是有效的 JSON 对象。", "The source record is not a valid JSON object.")],
            });
        }

        if (raw.Deleted)
        {
            if (normalizer.SourceKeyOf(payload) is { } deletedKey)
                return new NormalizationOutcome.Deleted(new DeletedRecord { SourceKey = deletedKey, Raw = raw.Payload });

            var keyFields = string.Join("/", connector.Mapping.SourceKey);
            return new NormalizationOutcome.Rejected(new RejectedRecord
            {
                SourceKey = raw.Origin ?? "(no key)",
                Raw = raw.Payload,
                Reasons = [ValidationIssue.Error("sourceKey", keyFields, null, "mapping.source-key-missing",
                    $"删除记录缺少主键字段“{keyFields}”，无法确定删除哪条记录。",
                    $"The deletion has no value in its key field '{keyFields}', so the record to delete cannot be identified.")],
            });
        }

        var result = normalizer.Normalize(payload);
        if (result.Record is not { } record)
            return new NormalizationOutcome.Rejected(new RejectedRecord { SourceKey = result.SourceKey, Raw = raw.Payload, Reasons = [.. result.Errors, .. result.Warnings] });

        var lineage = new SourceLineage
        {
            Connector = connector.Id,
            SourceKey = result.SourceKey,
            SourceVersion = result.SourceVersion,
            ReceivedAt = readAt,
            MappingVersion = connector.Mapping.Version,
        };
        return new NormalizationOutcome.Accepted(new NormalizedRecord
        {
            SourceKey = result.SourceKey,
            SourceVersion = result.SourceVersion,
            Record = CanonicalJson.Serialize(record with { Sources = [lineage] }),
            ContentHash = result.ContentHash!,
            CaseIdentity = CaseIdentity.Of(record, connector.Id, result.SourceKey),
            Raw = raw.Payload,
            Warnings = [.. result.Warnings],
        });
    }

    private static JsonObject? Parse(string payload)
    {
        try
        {
            return JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
