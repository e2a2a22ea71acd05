using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Leases;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>Leases in the store: one holder at a time, taken over after expiry with a new token, and the token fences commits.</summary>
public sealed class LeaseTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Lease_IsHeldByOneProcess_RenewedByItsHolder_AndTakenOverWithANewTokenOnlyAfterItExpires(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (leases, clock) = (new SqlLeases(opened.Dialect, opened.Clock), opened.Clock);

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
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer, clock) = (opened.Store, opened.Committer, opened.Clock);
        var leases = new SqlLeases(opened.Dialect, clock);

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

    private static BatchToCommit Batch(Guid runId, int sequence, string decisionNumber) => PenaltyBatches.One(runId, "market", sequence, decisionNumber);
}
