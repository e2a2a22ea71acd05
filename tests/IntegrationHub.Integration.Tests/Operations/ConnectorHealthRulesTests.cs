using IntegrationHub.Api.Contracts;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Definitions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Operations;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Operations;

/// <summary>The health rules on their own (no server): which state wins, and when stale and drifted apply.</summary>
public sealed class ConnectorHealthRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly HealthOptions Options = new();

    [Fact]
    public void AScheduledConnector_WithoutSuccessForThreeIntervals_IsStale()
    {
        var connector = Connector(TimeSpan.FromMinutes(15));
        var summary = new ConnectorSyncSummary { ConnectorId = "c", LastSuccessAt = Now.AddMinutes(-46) };

        var health = ConnectorHealthRules.Evaluate(connector, summary, [Run(RunStatus.Completed, Now.AddMinutes(-46))], Now, Options);

        Assert.Equal(ConnectorHealthStates.Stale, health.State);
        Assert.Contains("46 min", health.Reason, StringComparison.Ordinal);
        Assert.Equal(46 * 60.0, health.LagSeconds);
    }

    [Fact]
    public void AManualConnector_IsNeverStale()
    {
        var summary = new ConnectorSyncSummary { ConnectorId = "c", LastSuccessAt = Now.AddDays(-30) };

        var health = ConnectorHealthRules.Evaluate(Connector(null), summary, [Run(RunStatus.Completed, Now.AddDays(-30))], Now, Options);

        Assert.Equal(ConnectorHealthStates.Healthy, health.State);
    }

    [Fact]
    public void ARecentDrift_MakesTheConnectorDrifted_NamingTheMissingField_AndAnOldOneNoLonger()
    {
        var drift = new SourceDrift { RunId = Guid.NewGuid(), DetectedAt = Now.AddHours(-1), Added = ["basis_of_law"], Removed = ["legal_basis"], MappedButMissing = ["legal_basis"] };
        var runs = new[] { Run(RunStatus.Completed, Now.AddMinutes(-1)) };

        var recent = ConnectorHealthRules.Evaluate(Connector(null), new ConnectorSyncSummary { ConnectorId = "c", LastSuccessAt = Now, LastDrift = drift }, runs, Now, Options);
        var old = ConnectorHealthRules.Evaluate(Connector(null), new ConnectorSyncSummary { ConnectorId = "c", LastSuccessAt = Now, LastDrift = drift with { DetectedAt = Now.AddDays(-2) } }, runs, Now, Options);

        Assert.Equal(ConnectorHealthStates.Drifted, recent.State);
        Assert.Contains("legal_basis", recent.Reason, StringComparison.Ordinal);
        Assert.Equal(ConnectorHealthStates.Healthy, old.State);
    }

    [Fact]
    public void AQuarantineSpike_InTheLatestRun_MakesTheConnectorDegraded()
    {
        var spike = Run(RunStatus.Completed, Now.AddMinutes(-1)) with { Counts = new SyncCounts(100, 60, 0, 0, 40) };

        var health = ConnectorHealthRules.Evaluate(Connector(null), new ConnectorSyncSummary { ConnectorId = "c", LastSuccessAt = Now }, [spike], Now, Options);

        Assert.Equal(ConnectorHealthStates.Degraded, health.State);
        Assert.Contains("40 of 100 records (40%)", health.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Failing_WinsOverStaleAndDrifted_AndInterruptedRunsDoNotBreakTheStreak()
    {
        var drift = new SourceDrift { RunId = Guid.NewGuid(), DetectedAt = Now.AddMinutes(-5), Added = [], Removed = ["x"], MappedButMissing = [] };
        var runs = new[]
        {
            Run(RunStatus.Failed, Now.AddMinutes(-1)),
            Run(RunStatus.Interrupted, Now.AddMinutes(-2)),
            Run(RunStatus.Failed, Now.AddMinutes(-3)),
            Run(RunStatus.Failed, Now.AddMinutes(-4)),
            Run(RunStatus.Completed, Now.AddDays(-1)),
        };
        var summary = new ConnectorSyncSummary { ConnectorId = "c", LastSuccessAt = Now.AddDays(-1), LastDrift = drift };

        var health = ConnectorHealthRules.Evaluate(Connector(TimeSpan.FromMinutes(5)), summary, runs, Now, Options);

        Assert.Equal(ConnectorHealthStates.Failing, health.State);
        Assert.Equal(3, health.ConsecutiveFailures);
    }

    [Fact]
    public void AReplicationSlotPastTheLagThreshold_MakesTheConnectorStale_NamingTheSlotAndTheAmounts()
    {
        var slot = new ReplicationSlotState { Slot = "hub_c", Source = "postgres db:5432/cases", Exists = true, RetainedWalBytes = 600L << 20, LagBytes = 600L << 20 };
        var summary = new ConnectorSyncSummary { ConnectorId = "c", LastSuccessAt = Now.AddMinutes(-1) };

        var health = ConnectorHealthRules.Evaluate(Continuous(), summary, [Run(RunStatus.Completed, Now.AddMinutes(-1))], Now, Options, slot);
        var within = ConnectorHealthRules.Evaluate(Continuous(), summary, [Run(RunStatus.Completed, Now.AddMinutes(-1))], Now, Options,
            slot with { RetainedWalBytes = 10L << 20, LagBytes = 1L << 20 });

        Assert.Equal(ConnectorHealthStates.Stale, health.State);
        Assert.Contains("hub_c", health.Reason, StringComparison.Ordinal);
        Assert.Contains("600 MiB", health.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplicationSlotView.From(slot), health.ReplicationSlot);
        Assert.Equal(ConnectorHealthStates.Healthy, within.State);
    }

    [Fact]
    public void AReplicationSlotTheServerInvalidated_MakesTheConnectorFailing() =>
        Assert.Equal(ConnectorHealthStates.Failing, ConnectorHealthRules.Evaluate(Continuous(), null, [], Now, Options,
            new ReplicationSlotState { Slot = "hub_c", Source = "postgres", Exists = true, WalStatus = "lost" }).State);

    [Fact]
    public void AContinuousConnector_IsNeverStaleByItsSchedule() =>
        Assert.Null(ConnectorHealthRules.StaleAfter(new ConnectorSchedule(null, null) { Continuous = true }, Now, Options));

    private static ConnectorDefinition Continuous() => Connector(null) with { Schedule = new ConnectorSchedule(null, null) { Continuous = true } };

    private static ConnectorDefinition Connector(TimeSpan? every) => new()
    {
        Id = "c",
        Name = "c",
        Kind = "sql",
        Schedule = every is null ? ConnectorSchedule.Manual : new ConnectorSchedule(every, null),
        Source = [],
        Mapping = null!,
    };

    private static SyncRun Run(RunStatus status, DateTimeOffset finishedAt) => new()
    {
        RunId = Guid.NewGuid(),
        ConnectorId = "c",
        Trigger = "api",
        Status = status,
        StartedAt = finishedAt.AddSeconds(-30),
        FinishedAt = finishedAt,
        Counts = new SyncCounts(30, 30, 0, 0, 0),
        Error = status == RunStatus.Failed ? "no such table: enforcement_cases" : null,
    };
}
