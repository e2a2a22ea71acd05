namespace IntegrationHub.Integration.Tests.Benchmarks;

/// <summary>
/// The change-capture benchmark gives the latency figures of docs/benchmarks.md (issue 15); CI runs it small against the
/// test PostgreSQL (wal_level = logical) so that it keeps working: a snapshot, a steady rate of changes timed to a
/// webhook and a long-polling feed reader with the process's timeline beside them, and both bursts. Its figures are
/// printed, never asserted.
/// </summary>
public sealed class CaptureBenchmarkProgramTests
{
    [Fact]
    public async Task TheCaptureBenchmark_RunSmallOnTheEmbeddedStack_DeliversEveryChangeAndPrintsTheProcessBesideTheLatencies()
    {
        var printed = await BenchmarkProgram.RunAsync(TimeSpan.FromMinutes(5),
            "--mode", "cdc", "--stack", "embedded", "--records", "2000", "--rate", "200", "--seconds", "4", "--backlog", "200", "--webhook-events", "100");

        Assert.Contains(" gc=server conserve-memory=7 loh-threshold=4194304", printed, StringComparison.Ordinal);
        Assert.Contains("snapshot: 2,000 rows in", printed, StringComparison.Ordinal);
        Assert.Contains("(800 of 800 arrived) (batches of up to 100 events a request)", printed, StringComparison.Ordinal);
        Assert.Contains("the process (% of one core) and the machine in the same windows: 0s cpu ", printed, StringComparison.Ordinal);
        Assert.Contains("burst of one change per source transaction: 200 changes stored", printed, StringComparison.Ordinal);
        Assert.Contains("one source transaction changing that many rows: 200 changes stored", printed, StringComparison.Ordinal);
    }
}
