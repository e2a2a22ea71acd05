using System.Diagnostics;
using IntegrationHub.Store.Sql;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>
/// The embedded store's writers take turns in the order they asked; a background writer (the assessment projector) lets
/// every waiting writer go first, for at most its yield limit, then queues in order like the rest.
/// </summary>
public sealed class WriterTurnsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ABackgroundWriter_TakesAFreeTurnAtOnce()
    {
        var turns = new WriterTurns();
        var watch = Stopwatch.StartNew();

        using (await turns.TakeInBackgroundAsync(TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(Patience))
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"a free turn took {watch.Elapsed}");

        // It was given on: the next writer gets it.
        using var next = await turns.TakeAsync(CancellationToken.None).WaitAsync(Patience);
    }

    [Fact]
    public async Task AWriterWaitingForTheTurn_GoesBeforeABackgroundWriterThatAskedFirst()
    {
        var turns = new WriterTurns();
        var order = new List<string>();
        var held = await turns.TakeAsync(CancellationToken.None);

        var background = Task.Run(async () =>
        {
            using (await turns.TakeInBackgroundAsync(TimeSpan.FromSeconds(30), CancellationToken.None))
                lock (order) order.Add("background");
        });
        await Task.Delay(100);
        var writer = Task.Run(async () =>
        {
            using (await turns.TakeAsync(CancellationToken.None))
            {
                lock (order) order.Add("writer");
                await Task.Delay(50);
            }
        });
        await Eventually(() => turns.Waiting == 1, "the writer never asked for the turn");
        held.Dispose();

        await Task.WhenAll(background, writer).WaitAsync(Patience);
        Assert.Equal(["writer", "background"], order);
    }

    [Fact]
    public async Task ABackgroundWriter_QueuesInOrderOnceItHasYieldedItsLimit_ThoughOtherWritersKeepComing()
    {
        var turns = new WriterTurns();
        using var stop = new CancellationTokenSource();
        var writerTurns = 0;

        // Two writers that always want the turn again: there is never a moment when nobody waits.
        async Task Busy()
        {
            while (!stop.IsCancellationRequested)
            {
                using (await turns.TakeAsync(CancellationToken.None))
                {
                    Interlocked.Increment(ref writerTurns);
                    await Task.Delay(5);
                }
            }
        }

        var writers = new[] { Task.Run(Busy), Task.Run(Busy) };
        try
        {
            await Eventually(() => Volatile.Read(ref writerTurns) >= 2, "the writers never took turns");

            // Without its limit the background writer would wait as long as the others keep asking (WaitAsync gives up).
            var turn = await turns.TakeInBackgroundAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None).WaitAsync(Patience);
            turn.Dispose();
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers).WaitAsync(Patience);
        }
    }

    [Fact]
    public async Task AYieldLimitOutsideZeroToAnHour_IsRefused()
    {
        var turns = new WriterTurns();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => turns.TakeInBackgroundAsync(Timeout.InfiniteTimeSpan, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => turns.TakeInBackgroundAsync(TimeSpan.FromHours(2), CancellationToken.None));
    }

    [Fact]
    public async Task ABackgroundWriterWaitingForItsMoment_CanBeCancelled()
    {
        var turns = new WriterTurns();
        using var held = await turns.TakeAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turns.TakeInBackgroundAsync(TimeSpan.FromSeconds(30), cancel.Token).WaitAsync(Patience));
    }

    private static async Task Eventually(Func<bool> condition, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < Patience, failure);
            await Task.Delay(5);
        }
    }
}
