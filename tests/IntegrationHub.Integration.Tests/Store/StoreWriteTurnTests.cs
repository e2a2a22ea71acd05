using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>
/// On the embedded store the process's writers — the batch writer, delivery cursors, leases, the run ledger, the
/// assessment projector — take turns in the order they asked, instead of each retrying SQLite's busy lock: a retry
/// sleeps, and a writer that sleeps loses the lock to one that does not (a webhook's cursor save waited up to 1.4 s
/// behind the batch writer at 1,000 changes a second).
/// </summary>
public sealed class StoreWriteTurnTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Writers_TakeTheirTurnsInTheOrderTheyAsked_TheBatchWriterAmongThem()
    {
        await using var opened = await MigratedStore.OpenAsync(HubStack.Embedded);
        var run = (await opened.Store.StartRunAsync("market", "api", None))!;
        await using var first = await opened.Dialect.OpenAsync(None);
        await using var second = await opened.Dialect.OpenAsync(None);

        var holding = await opened.Dialect.BeginWriteAsync(first, None);
        var secondWrite = opened.Dialect.BeginWriteAsync(second, None);
        var batch = opened.Committer.CommitAsync(PenaltyBatches.One(run.RunId, "market", 0, "沪市监罚〔2026〕1号"), None);
        await Task.Delay(200);
        Assert.False(secondWrite.IsCompleted, "a write began while another held the turn");
        Assert.False(batch.IsCompleted, "a batch was written while another writer held the turn");

        await holding.DisposeAsync();
        var write = await secondWrite.WaitAsync(Patience);
        await Task.Delay(200);
        Assert.False(batch.IsCompleted, "the batch writer went before a writer that asked first");

        await write.DisposeAsync();
        Assert.Equal(BatchDisposition.Committed, (await batch.WaitAsync(Patience)).Disposition);
    }

    [Fact]
    public async Task ADeliveryCursorSaveWaitingForItsTurn_IsCancelledAtOnce_AndTheTurnPassesOn()
    {
        await using var opened = await MigratedStore.OpenAsync(HubStack.Embedded);
        var cursors = new SqlDeliveryCursors(opened.Dialect, opened.Clock);
        await cursors.StartAsync("city-justice", DeliveryChannels.Webhook, 0, None);
        var cursor = (await cursors.GetAsync("city-justice", DeliveryChannels.Webhook, None))!;
        await using var connection = await opened.Dialect.OpenAsync(None);

        await using (var holding = await opened.Dialect.BeginWriteAsync(connection, None))
        {
            // Waiting inside SQLite's busy handler, the save would ignore its token for up to a minute.
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cursors.SaveAsync(cursor with { Position = 5 }, [], stop.Token).WaitAsync(Patience));
        }

        Assert.True(await cursors.SaveAsync(cursor with { Position = 5 }, [], None).WaitAsync(Patience));
        Assert.Equal(5, (await cursors.GetAsync("city-justice", DeliveryChannels.Webhook, None))!.Position);
    }
}
