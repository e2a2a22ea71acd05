namespace IntegrationHub.Integration.Tests.Benchmarks;

/// <summary>
/// The benchmark program is the evidence for every throughput figure in docs/benchmarks.md; CI runs it small so that it
/// keeps working, keeps measuring the hub as it ships (its garbage collector) and keeps checking conservation. Its
/// figures are printed, never asserted.
/// </summary>
public sealed class PipelineBenchmarkProgramTests
{
    [Fact]
    public async Task ThePipelineBenchmark_RunSmallOnTheEmbeddedStack_PrintsItsFiguresWithTheHostsCollectorAndConservationHolds()
    {
        var printed = await BenchmarkProgram.RunAsync(TimeSpan.FromMinutes(5), "--stack", "embedded", "--cases", "300");

        Assert.Contains(" gc=server ", printed, StringComparison.Ordinal);
        Assert.Contains(" conserve-memory=7 loh-threshold=4194304", printed, StringComparison.Ordinal);
        Assert.Contains("first load: 600 records in", printed, StringComparison.Ordinal);
        Assert.Contains("pipeline / limit = ", printed, StringComparison.Ordinal);
        Assert.Contains("second sync, source unchanged: 600 records in", printed, StringComparison.Ordinal);
        Assert.Contains("conservation holds in every run", printed, StringComparison.Ordinal);
        Assert.Contains("the assessment projection was ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT CONSERVED", printed, StringComparison.Ordinal);
    }
}
