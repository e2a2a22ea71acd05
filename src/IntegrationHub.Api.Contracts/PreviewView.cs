using System.Text.Json.Nodes;

namespace IntegrationHub.Api.Contracts;

/// <summary>A preview: a sample pulled from the source, mapped and validated, stored nowhere.</summary>
public sealed record PreviewView
{
    public required int Sampled { get; init; }
    public required int Accepted { get; init; }
    public required int Rejected { get; init; }
    public required int Deleted { get; init; }
    public required IReadOnlyList<PreviewRecordView> Records { get; init; }
}

/// <summary>
/// One sampled record: <c>accepted</c> (with the canonical record and its warnings), <c>rejected</c> (with every reason;
/// a run would quarantine it) or <c>deleted</c> (a run would make it a tombstone).
/// </summary>
public sealed record PreviewRecordView
{
    public required string SourceKey { get; init; }
    public required string Status { get; init; }
    public JsonNode? Record { get; init; }
    public required JsonNode? Raw { get; init; }
    public required IReadOnlyList<IssueView> Issues { get; init; }
}
