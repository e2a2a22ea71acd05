namespace IntegrationHub.Cli.Api;

internal sealed record DiscoveryResult
{
    public int SampledRecords { get; init; }
    public DiscoveredField[] Fields { get; init; } = [];
}
