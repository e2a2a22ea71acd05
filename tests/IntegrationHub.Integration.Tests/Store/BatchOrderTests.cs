using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>ARCHITECTURE invariants 3 and 10 at the store writer: batches commit in sequence order, a redelivery is a no-op.</summary>
public sealed class BatchOrderTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Batches_CommitInSequenceOrder_ARedeliveryChangesNothing_AndABatchAheadOfItsTurnIsRefusedUnwritten(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer) = (opened.Store, opened.Committer);
        var run = (await store.StartRunAsync("market", "api", CancellationToken.None))!;

        var first = await committer.CommitAsync(PenaltyBatches.One(run.RunId, "market", 0, "沪市监罚〔2026〕1号"), CancellationToken.None);
        var redelivered = await committer.CommitAsync(PenaltyBatches.One(run.RunId, "market", 0, "沪市监罚〔2026〕1号"), CancellationToken.None);
        await Assert.ThrowsAsync<BatchOutOfOrderException>(() =>
            committer.CommitAsync(PenaltyBatches.One(run.RunId, "market", 2, "沪市监罚〔2026〕3号"), CancellationToken.None));
        var second = await committer.CommitAsync(PenaltyBatches.One(run.RunId, "market", 1, "沪市监罚〔2026〕2号"), CancellationToken.None);

        Assert.Equal((BatchDisposition.Committed, 1L), (first.Disposition, first.Counts.Inserted));
        Assert.Equal((BatchDisposition.Duplicate, SyncCounts.Zero, 0), (redelivered.Disposition, redelivered.Counts, redelivered.StoredThrough));
        Assert.Equal((BatchDisposition.Committed, 1), (second.Disposition, second.StoredThrough));
        var records = await store.ListRecordsAsync(new RecordQuery { Limit = 10 }, CancellationToken.None);
        Assert.Equal(["沪市监罚〔2026〕1号", "沪市监罚〔2026〕2号"], records.Select(r => r.IdentityKey.Split('|')[1]).Order());
        Assert.All(records, r => Assert.Equal(1, r.Version));
        var counts = (await store.GetRunAsync(run.RunId, CancellationToken.None))!.Counts;
        Assert.Equal((2L, 2L), (counts.Pulled, counts.Inserted));
    }
}
