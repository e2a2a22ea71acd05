using IntegrationHub.Host.Dashboard.Health;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Dashboard;

/// <summary>The default health column: derived from the sync summary alone (pure, no server).</summary>
public sealed class SyncSummaryHealthSourceTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void AConnectorThatNeverSucceeded_IsStale()
    {
        Assert.Equal(ConnectorHealthStates.Stale, SyncSummaryHealthSource.Of(null).State);
        Assert.Equal(ConnectorHealthStates.Stale, SyncSummaryHealthSource.Of(new ConnectorSyncSummary { ConnectorId = "a" }).State);
    }

    [Theory]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Interrupted)]
    public void ALastRunThatFailedOrWasInterrupted_IsFailing_WithTheErrorAsReason(RunStatus status)
    {
        var health = SyncSummaryHealthSource.Of(Summary(Run(status) with { Error = "connection refused" }, lastSuccess: Noon.AddHours(-1)));
        Assert.Equal(ConnectorHealthStates.Failing, health.State);
        Assert.Contains("connection refused", health.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("connection refused", health.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void ALastRunThatSawTheSourceDrift_IsDrifted_NamingTheFields()
    {
        var drift = new SourceDrift { RunId = Guid.NewGuid(), DetectedAt = Noon, Added = ["CFJG_NEW"], Removed = ["CFJG"], MappedButMissing = ["CFJG"] };
        var health = SyncSummaryHealthSource.Of(Summary(Run(RunStatus.Completed) with { Drift = drift }, lastSuccess: Noon));
        Assert.Equal(ConnectorHealthStates.Drifted, health.State);
        Assert.Contains("CFJG", health.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void ACompletedLastRunWithoutDrift_IsHealthy()
    {
        var empty = new SourceDrift { RunId = Guid.NewGuid(), DetectedAt = Noon, Added = [], Removed = [], MappedButMissing = [] };
        Assert.Equal(ConnectorHealthStates.Healthy, SyncSummaryHealthSource.Of(Summary(Run(RunStatus.Completed) with { Drift = empty }, lastSuccess: Noon)).State);
        Assert.Equal(ConnectorHealthStates.Healthy, SyncSummaryHealthSource.Of(Summary(Run(RunStatus.Running), lastSuccess: Noon)).State);
    }

    private static SyncRun Run(RunStatus status) => new()
    {
        RunId = Guid.NewGuid(),
        ConnectorId = "a",
        Trigger = "schedule",
        Status = status,
        StartedAt = Noon,
        Counts = SyncCounts.Zero,
    };

    private static ConnectorSyncSummary Summary(SyncRun last, DateTimeOffset lastSuccess) =>
        new() { ConnectorId = "a", LastRun = last, LastSuccessAt = lastSuccess };
}
