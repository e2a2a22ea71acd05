using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Contracts;
using IntegrationHub.Mapping.Identity;
using IntegrationHub.Mapping.Validation;

namespace IntegrationHub.Pipeline.Normalization;

/// <summary>Maps and validates every record of a batch; an invalid record is set aside with its reasons, the rest go on.</summary>
public sealed class BatchNormalizer(NormalizerCache normalizers)
{
    public RecordsNormalized Normalize(SourceRecordsRead message, ConnectorDefinition connector)
    {
        var normalizer = normalizers.For(connector);
        var accepted = new List<NormalizedRecord>(message.Records.Count);
        var rejected = new List<RejectedRecord>();
        var deleted = new List<(int Position, DeletedRecord Record)>();
        var lastAccepted = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = -1;
        foreach (var raw in message.Records)
        {
            position++;
            if (raw.Problem is { } problem)
            {
                var partial = Parse(raw.Payload);
                var key = (partial is null ? null : normalizer.SourceKeyOf(partial)) ?? raw.Origin ?? "(unreadable)";
                rejected.Add(new RejectedRecord
                {
                    SourceKey = key,
                    Raw = raw.Payload,
                    Reasons = [ValidationIssue.Error("$", raw.Origin, Truncate(raw.Payload), "source.unreadable",
                        $"来源数据{(raw.Origin is null ? "" : $"（{raw.Origin}）")}无法读取为一条记录：{problem}",
                        $"The source{(raw.Origin is null ? "" : $" ({raw.Origin})")} could not be read as a record: {problem}")],
                });
                continue;
            }

            if (Parse(raw.Payload) is not { } payload)
            {
                rejected.Add(new RejectedRecord
                {
                    SourceKey = "(unreadable)",
                    Raw = raw.Payload,
                    Reasons = [ValidationIssue.Error("$", null, Truncate(raw.Payload), "source.json",
                        "来源记录不是有效的 JSON 对象。", "The source record is not a valid JSON object.")],
                });
                continue;
            }

            if (raw.Deleted)
            {
                if (normalizer.SourceKeyOf(payload) is { } deletedKey)
                {
                    deleted.Add((position, new DeletedRecord { SourceKey = deletedKey, Raw = raw.Payload }));
                    continue;
                }

                var keyFields = string.Join("/", connector.Mapping.SourceKey);
                rejected.Add(new RejectedRecord
                {
                    SourceKey = raw.Origin ?? "(no key)",
                    Raw = raw.Payload,
                    Reasons = [ValidationIssue.Error("sourceKey", keyFields, null, "mapping.source-key-missing",
                        $"删除记录缺少主键字段“{keyFields}”，无法确定删除哪条记录。",
                        $"The deletion has no value in its key field '{keyFields}', so the record to delete cannot be identified.")],
                });
                continue;
            }

            var result = normalizer.Normalize(payload);
            if (result.Record is { } record)
            {
                var lineage = new SourceLineage
                {
                    Connector = connector.Id,
                    SourceKey = result.SourceKey,
                    SourceVersion = result.SourceVersion,
                    ReceivedAt = message.Batch.ReadAt,
                    MappingVersion = connector.Mapping.Version,
                };
                lastAccepted[result.SourceKey] = position;
                accepted.Add(new NormalizedRecord
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
            else
            {
                rejected.Add(new RejectedRecord { SourceKey = result.SourceKey, Raw = raw.Payload, Reasons = [.. result.Errors, .. result.Warnings] });
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
