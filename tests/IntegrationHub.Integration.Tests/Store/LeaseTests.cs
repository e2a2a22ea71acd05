using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Leases;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>Leases in the store: one holder at a time, taken over after expiry with a new token, and the token fences commits.</summary>
public sealed class LeaseTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Lease_IsHeldByOneProcess_RenewedByItsHolder_AndTakenOverWithANewTokenOnlyAfterItExpires(HubStack stack)
    {
        var (_, _, leases, clock, cleanup) = await OpenAsync(stack);
        await using var owned = cleanup;

        var first = Assert.IsType<Lease>(await leases.TryAcquireAsync("connector:market", "worker-a", Duration, CancellationToken.None));
        Assert.Null(await leases.TryAcquireAsync("connector:market", "worker-b", Duration, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(10));
        var renewed = Assert.IsType<Lease>(await leases.RenewAsync(first, Duration, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(10)); // 20 s after the first take: alive only because it was renewed
        Assert.Null(await leases.TryAcquireAsync("connector:market", "worker-b", Duration, CancellationToken.None));

        clock.Advance(TimeSpan.FromSeconds(6)); // worker-a stopped renewing (killed): the lease expires
        var taken = Assert.IsType<Lease>(await leases.TryAcquireAsync("connector:market", "worker-b", Duration, CancellationToken.None));
        Assert.Equal(("worker-b", first.Token + 1), (taken.Holder, taken.Token));
        Assert.Null(await leases.RenewAsync(renewed, Duration, CancellationToken.None));

        await leases.ReleaseAsync(taken, CancellationToken.None);
        var again = Assert.IsType<Lease>(await leases.TryAcquireAsync("connector:market", "worker-a", Duration, CancellationToken.None));
        Assert.Equal(taken.Token + 1, again.Token);
        Assert.Equal(["connector:market"], (await leases.ListAsync(CancellationToken.None)).Select(l => l.Name));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Commit_OfARunWhoseLeaseWasTakenOver_IsRefused_AndTheNewHoldersRunCommits(HubStack stack)
    {
        var (store, dialect, leases, clock, cleanup) = await OpenAsync(stack);
        await using var owned = cleanup;
        var committer = BatchCommitters.For(dialect, clock);

        var old = (await leases.TryAcquireAsync(LeaseNames.Connector("market"), "worker-a", Duration, CancellationToken.None))!;
        var oldRun = (await store.StartRunAsync("market", "schedule", old.Token, CancellationToken.None))!;
        Assert.Equal(BatchDisposition.Committed, (await committer.CommitAsync(Batch(oldRun.RunId, 0, "沪市监罚〔2026〕1号"), CancellationToken.None)).Disposition);

        // worker-a freezes (a long GC pause, a partition) past its lease; worker-b takes the connector over.
        clock.Advance(Duration + TimeSpan.FromSeconds(1));
        var taken = (await leases.TryAcquireAsync(LeaseNames.Connector("market"), "worker-b", Duration, CancellationToken.None))!;

        // worker-a wakes up and tries to commit its next batch: fenced by the token, nothing is written.
        var late = await committer.CommitAsync(Batch(oldRun.RunId, 1, "沪市监罚〔2026〕2号"), CancellationToken.None);
        Assert.Equal((BatchDisposition.RunEnded, RunStatus.Interrupted), (late.Disposition, late.RunStatus));

        var newRun = (await store.StartRunAsync("market", "resume", taken.Token, CancellationToken.None))!;
        Assert.Equal(RunStatus.Interrupted, (await store.GetRunAsync(oldRun.RunId, CancellationToken.None))!.Status);
        Assert.Equal(BatchDisposition.Committed, (await committer.CommitAsync(Batch(newRun.RunId, 0, "沪市监罚〔2026〕3号"), CancellationToken.None)).Disposition);
        var numbers = (await store.ListRecordsAsync(new RecordQuery { Limit = 10 }, CancellationToken.None)).Select(r => r.IdentityKey.Split('|')[1]).Order();
        Assert.Equal(["沪市监罚〔2026〕1号", "沪市监罚〔2026〕3号"], numbers);
    }

    private static async Task<(SqlSupervisionStore Store, StoreDialect Dialect, SqlLeases Leases, FakeTimeProvider Clock, IAsyncDisposable Cleanup)> OpenAsync(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        var settings = await HubSettings.CreateAsync(stack, empty);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var dialect = settings.OpenStoreDialect();
        var store = new SqlSupervisionStore(dialect, clock);
        await store.MigrateAsync(CancellationToken.None);
        return (store, dialect, new SqlLeases(dialect, clock), clock, settings);
    }

    private static BatchToCommit Batch(Guid runId, int sequence, string decisionNumber)
    {
        var record = new EnforcementAction
        {
            Agency = new EnforcingAgency { Name = "上海市市场监督管理局", Uscc = "11310000MB2F3468XK", RegionCode = "310000" },
            Category = ActionCategory.Penalty,
            DecisionNumber = decisionNumber,
            Dates = new ActionDates { Decided = new DateOnly(2026, 3, 2) },
        };
        return new BatchToCommit
        {
            RunId = runId,
            ConnectorId = "market",
            Sequence = sequence,
            IsLast = false,
            ReadAt = DateTimeOffset.UnixEpoch,
            MappingVersion = 1,
            SourcePriority = 10,
            Accepted =
            [
                new AcceptedSourceRecord
                {
                    SourceKey = decisionNumber,
                    Content = CanonicalJson.Serialize(record),
                    ContentHash = CanonicalJson.ContentHash(record),
                    CaseIdentity = "11310000MB2F3468XK|" + decisionNumber,
                    Raw = "{}",
                },
            ],
        };
    }
}
