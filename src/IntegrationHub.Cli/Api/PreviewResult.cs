namespace IntegrationHub.Cli.Api;

/// <summary>A dry run of the mapping over a sample of the source; nothing is stored.</summary>
internal sealed record PreviewResult
{
    public int Sampled { get; init; }
    public int Accepted { get; init; }
    public int Rejected { get; init; }
    public int Deleted { get; init; }
    public PreviewRecord[] Records { get; init; } = [];
}
