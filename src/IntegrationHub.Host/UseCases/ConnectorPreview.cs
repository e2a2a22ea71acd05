using System.Text.Json.Nodes;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Pipeline.Catalog;
using IntegrationHub.Pipeline.Normalization;
using IntegrationHub.Store;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// Pulls a sample from a connector's source and runs it through the very normalization a run uses, storing nothing and
/// moving no checkpoint, so an IT engineer sees what the records will look like and every message before switching on.
/// </summary>
public sealed class ConnectorPreview(BatchNormalizer normalizer, IRunStore store, ConnectorContext context)
{
    /// <param name="fromCheckpoint">Sample what the next run would read (after the stored checkpoint) instead of the start.</param>
    public async Task<PreviewView> RunAsync(ConnectorDefinition connector, ISourceConnector kind, int limit, bool fromCheckpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(kind);
        var checkpoint = fromCheckpoint ? await store.GetCheckpointAsync(connector.Id, ct).ConfigureAwait(false) : null;
        var sample = new List<SourceRecord>(limit);
        await foreach (var page in kind.ReadAsync(connector, checkpoint, context with { Sampling = true }, ct).WithCancellation(ct).ConfigureAwait(false))
        {
            sample.AddRange(page.Records.Take(limit - sample.Count));
            if (sample.Count >= limit)
                break;
        }

        var records = normalizer.NormalizeEach(sample, connector).Zip(sample, ToView).ToList();
        return new PreviewView
        {
            Sampled = records.Count,
            Accepted = records.Count(r => r.Status == "accepted"),
            Rejected = records.Count(r => r.Status == "rejected"),
            Deleted = records.Count(r => r.Status == "deleted"),
            Records = records,
        };
    }

    private static PreviewRecordView ToView(NormalizationOutcome outcome, SourceRecord source) => outcome switch
    {
        NormalizationOutcome.Accepted a => new PreviewRecordView
        {
            SourceKey = a.Record.SourceKey,
            Status = "accepted",
            Record = JsonNode.Parse(a.Record.Record),
            Raw = source.Data,
            Issues = IssueView.From(a.Record.Warnings),
        },
        NormalizationOutcome.Rejected r => new PreviewRecordView
        {
            SourceKey = r.Record.SourceKey,
            Status = "rejected",
            Raw = source.Data,
            Issues = IssueView.From(r.Record.Reasons),
        },
        NormalizationOutcome.Deleted d => new PreviewRecordView
        {
            SourceKey = d.Record.SourceKey,
            Status = "deleted",
            Raw = source.Data,
            Issues = [],
        },
        _ => throw new InvalidOperationException($"Unknown normalization outcome {outcome.GetType().Name}."),
    };
}
