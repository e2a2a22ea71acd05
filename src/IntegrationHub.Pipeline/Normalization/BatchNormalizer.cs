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
        foreach (var raw in message.Records)
        {
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
