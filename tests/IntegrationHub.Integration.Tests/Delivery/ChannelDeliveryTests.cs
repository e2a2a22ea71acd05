using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Channels;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Delivery;

/// <summary>
/// The delivery engine itself (issue 16): the "deliver what is pending" step of one (subscription, channel) over the real
/// change log and cursor table, on both stacks — scope, batches, the cursor's rules, crashes, rewinds, retries, retention
/// and ownership.
/// </summary>
public sealed class ChannelDeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Steps_DeliverTheEventsInScopeInOrder_ABatchAtATime_AndMoveTheCursorPastChangesOutOfScope(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101", "320102", "310104", "310105", "320106", "310107", "320108");
        var subscription = ChangeLogFixture.Subscription("shanghai", "31");
        var sink = new RecordingSink(batchSize: 3);
        var delivery = log.Delivery();

        var outcomes = new List<DeliveryStepOutcome>();
        DeliveryStep step;
        do
        {
            step = await delivery.DeliverPendingAsync(subscription, sink, None);
            outcomes.Add(step.Outcome);
        }
        while (step.RunAgain);

        // Started, a full batch, the rest; then nothing.
        Assert.Equal([DeliveryStepOutcome.More, DeliveryStepOutcome.More, DeliveryStepOutcome.CaughtUp], outcomes);
        Assert.Equal([3, 1], sink.Batches.Select(b => b.Count));
        Assert.Equal(await log.EventIdsAsync("31"), sink.Received.Select(e => e.Id));
        var cursor = await log.Cursors.GetAsync("shanghai", RecordingSink.Name, None);
        Assert.Equal(await log.Store.LastChangeSequenceAsync(None), cursor!.Position);
        Assert.Equal(DeliveryStepOutcome.CaughtUp, (await delivery.DeliverPendingAsync(subscription, sink, None)).Outcome);
        Assert.Equal(2, sink.Batches.Count);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AProcessThatDiesBeforeItsCursorIsSaved_LeavesItsBatchToTheNextProcess_WhichSendsTheSameEventIdsAgain(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101", "310102", "310103", "310104", "310105");
        var subscription = ChangeLogFixture.Subscription("province");
        var dying = new RecordingSink(batchSize: 2);
        var first = log.Delivery();
        await first.DeliverPendingAsync(subscription, dying, None);
        await first.DeliverPendingAsync(subscription, dying, None);
        dying.OnBatch = (_, _) => throw new IOException("the process is killed with the batch in flight");
        await Assert.ThrowsAsync<IOException>(() => first.DeliverPendingAsync(subscription, dying, None));

        var survivor = new RecordingSink(batchSize: 2);
        var second = log.AnotherProcess();
        while ((await second.DeliverPendingAsync(subscription, survivor, None)).RunAgain)
        {
        }

        // Nothing lost; only the batch in flight came twice, with the same ids and the same bytes.
        var all = await log.EventIdsAsync();
        Assert.Equal(all, dying.Batches[0].Concat(survivor.Received).Select(e => e.Id));
        var inFlight = dying.Batches[1];
        Assert.Equal(inFlight.Select(e => e.Id), survivor.Batches[0].Select(e => e.Id));
        Assert.Equal(inFlight.Select(e => e.Body), survivor.Batches[0].Select(e => e.Body));
        Assert.Equal(all.Count + inFlight.Count, dying.Received.Concat(survivor.Received).Count());
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AnOperatorsRewindDuringAStep_WinsOverTheStepsProgress_AndEverythingIsDeliveredAgainFromThere(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101", "310102", "310103");
        var subscription = ChangeLogFixture.Subscription("replayed");
        var sink = new RecordingSink(batchSize: 10);
        var delivery = log.Delivery();
        await delivery.DeliverPendingAsync(subscription, sink, None);
        sink.OnBatch = async (events, progress) =>
        {
            Assert.True(await progress.DeliveredAsync(events[0].Sequence, null, None));
            await log.Cursors.RewindAsync("replayed", RecordingSink.Name, 0, None);
            return await progress.DeliveredAsync(events[1].Sequence, null, None);
        };

        var step = await delivery.DeliverPendingAsync(subscription, sink, None);

        Assert.Equal(DeliveryStepOutcome.More, step.Outcome);
        var cursor = (await log.Cursors.GetAsync("replayed", RecordingSink.Name, None))!;
        Assert.Equal((0L, 1L), (cursor.Position, cursor.Generation));
        sink.OnBatch = null;
        await delivery.DeliverPendingAsync(subscription, sink, None);
        Assert.Equal(await log.EventIdsAsync(), sink.Batches[^1].Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task WithinARun_AStepsCursorSaveRunsOnWhileTheNextStepSends_AndNoStepLeavesASecondSaveUnderWay(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        // The first page's save is held (the store's write lock busy, say): its step returned all the same.
        var held = await HeldRun.StartAsync(log);
        var first = (await log.Cursors.GetAsync("province", RecordingSink.Name, None))!.Position;

        // The next step sends the second page from the position in memory, then waits for that save before leaving its own.
        var second = held.StepAsync();
        await WebhookTesting.WaitUntilAsync(() => Task.FromResult(held.Sink.Batches.Count == 2), "the second page sent");
        await Task.Delay(100);
        Assert.False(second.IsCompleted);
        Assert.Equal(first, (await log.Cursors.GetAsync("province", RecordingSink.Name, None))!.Position);

        held.Cursors.Release();
        Assert.Equal(DeliveryStepOutcome.More, (await second).Outcome);
        while ((await held.StepAsync()).RunAgain)
        {
        }

        await held.Run.EndAsync();
        // Each event once, in order; the cursor saved at the end of the log once the run ended.
        Assert.Equal(await log.EventIdsAsync(), held.Sink.Received.Select(e => e.Id));
        Assert.Equal(await log.Store.LastChangeSequenceAsync(None), (await log.Cursors.GetAsync("province", RecordingSink.Name, None))!.Position);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AProcessThatDiesWhileARunsSaveIsUnderWay_LeavesEveryUnsavedPageToTheNextProcess_WithNoGap(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        // The first page sent, its save held; the second sent from memory; then the process dies (nothing more is saved).
        var held = await HeldRun.StartAsync(log);
        var dying = held.StepAsync();
        await WebhookTesting.WaitUntilAsync(() => Task.FromResult(held.Sink.Batches.Count == 2), "the second page sent");
        // The first page's save lands; the second page's save, started after it, never does: the process dies there.
        held.Cursors.ReleaseWaitingAndHold();
        var firstPage = held.Sink.Batches[0];
        await WebhookTesting.WaitUntilAsync(
            async () => (await log.Cursors.GetAsync("province", RecordingSink.Name, None))!.Position == firstPage[^1].Sequence,
            "the first page's save stored");
        // The dying step started the second page's save after the first landed, and left it held.
        Assert.Equal(DeliveryStepOutcome.More, (await dying.WaitAsync(TimeSpan.FromSeconds(30))).Outcome);

        var survivor = new RecordingSink(batchSize: 2);
        var second = log.AnotherProcess();
        while ((await second.DeliverPendingAsync(held.Subscription, survivor, None)).RunAgain)
        {
        }

        // The saved page does not come again; the one sent but not saved does, first; nothing after it is missing.
        var all = await log.EventIdsAsync();
        Assert.Equal(all[firstPage.Count..], survivor.Received.Select(e => e.Id));
        Assert.Equal(held.Sink.Batches[1].Select(e => e.Id), survivor.Batches[0].Select(e => e.Id));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task SuccessesReportedWhileASaveWaitsForThePreviousStep_BelongToTheNextSave_AndAFailureAfterThemCountsAgainstTheRightEvent(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        var held = await HeldRun.StartAsync(log);
        var (sink, cursors) = (held.Sink, held.Cursors);

        // The next page: a save of the first success waits behind the held one while the second is reported.
        long flushed = -1;
        IReadOnlyList<SubscriberEvent> page = [];
        sink.OnBatch = async (events, progress) =>
        {
            page = events;
            progress.Delivered(events[0].Sequence, Attempt(events[0]));
            var flush = progress.FlushAsync(None);
            progress.Delivered(events[1].Sequence, Attempt(events[1]));
            cursors.Release();
            Assert.True(await flush);
            flushed = (await log.Cursors.GetAsync("province", RecordingSink.Name, None))!.Position;
            return await progress.FailedAsync(null, log.Clock.GetUtcNow().AddMinutes(5), None) && false;
        };
        Assert.Equal(DeliveryStepOutcome.Waiting, (await held.StepAsync()).Outcome);
        await held.Run.EndAsync();

        // The flush saved the first success only; the failure came after the second, so the cursor stands past it.
        Assert.Equal(page[0].Sequence, flushed);
        var cursor = (await log.Cursors.GetAsync("province", RecordingSink.Name, None))!;
        Assert.Equal((page[1].Sequence, 1), (cursor.Position, cursor.Attempt));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ASubscriptionChangedBetweenTheStepsOfARun_IsDeliveredFromItsStoredCursor_NotFromTheRunsMemory(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101", "310102", "310103", "310104", "310105");
        var subscription = ChangeLogFixture.Subscription("province");
        var sink = new RecordingSink(batchSize: 2);
        var delivery = log.Delivery();
        var run = new DeliveryRun();
        await delivery.DeliverPendingAsync(subscription, sink, run, None);
        await delivery.DeliverPendingAsync(subscription, sink, run, None);

        // The channel removed and set again between two steps: a fresh cursor at the newest change (generation 0 again).
        await log.Cursors.RemoveAsync("province", RecordingSink.Name, None);
        await log.Cursors.StartAsync("province", RecordingSink.Name, await log.Store.LastChangeSequenceAsync(None), None);
        var changed = subscription with { UpdatedAt = subscription.UpdatedAt.AddSeconds(1) };

        Assert.Equal(DeliveryStepOutcome.CaughtUp, (await delivery.DeliverPendingAsync(changed, sink, run, None)).Outcome);
        await run.EndAsync();
        Assert.Single(sink.Batches);
    }

    private static WebhookDelivery Attempt(SubscriberEvent delivered) => new()
    {
        SubscriptionId = "province",
        EventId = delivered.Id,
        Sequence = delivered.Sequence,
        Attempt = 1,
        Trigger = WebhookDeliveryTriggers.Dispatch,
        AttemptedAt = DateTimeOffset.UnixEpoch,
        StatusCode = 200,
        LatencyMilliseconds = 1,
    };

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AnOperatorsRewindBetweenTheStepsOfARun_SendsEverythingAgainFromTheRewoundPosition(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101", "310102", "310103", "310104", "310105", "310106");
        var subscription = ChangeLogFixture.Subscription("replayed");
        var sink = new RecordingSink(batchSize: 2);
        var delivery = log.Delivery();
        var run = new DeliveryRun();
        await delivery.DeliverPendingAsync(subscription, sink, run, None);
        await delivery.DeliverPendingAsync(subscription, sink, run, None);
        await run.EndAsync();

        await log.Cursors.RewindAsync("replayed", RecordingSink.Name, 0, None);
        while ((await delivery.DeliverPendingAsync(subscription, sink, run, None)).RunAgain)
        {
        }

        await run.EndAsync();
        // The run went on from memory until a save found the rewind; then from the store: everything again, in order.
        var all = await log.EventIdsAsync();
        var received = sink.Received.Select(e => e.Id).ToList();
        Assert.Equal(all, received[^all.Count..]);
        var cursor = (await log.Cursors.GetAsync("replayed", RecordingSink.Name, None))!;
        Assert.Equal((await log.Store.LastChangeSequenceAsync(None), 1L), (cursor.Position, cursor.Generation));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AFailedEvent_IsNotSentAgainBeforeItIsDue_AndThenTheBatchResumesWithIt(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101", "310102");
        var subscription = ChangeLogFixture.Subscription("flaky");
        var sink = new RecordingSink();
        var delivery = log.Delivery();
        await delivery.DeliverPendingAsync(subscription, sink, None);
        var due = log.Clock.GetUtcNow().AddMinutes(5);
        sink.OnBatch = async (_, progress) => await progress.FailedAsync(null, due, None) && false;

        Assert.Equal(DeliveryStepOutcome.Waiting, (await delivery.DeliverPendingAsync(subscription, sink, None)).Outcome);
        var failed = (await log.Cursors.GetAsync("flaky", RecordingSink.Name, None))!;
        Assert.Equal((0L, 1, (DateTimeOffset?)due), (failed.Position, failed.Attempt, failed.NextAttemptAt));

        log.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(DeliveryStepOutcome.Waiting, (await delivery.DeliverPendingAsync(subscription, sink, None)).Outcome);
        Assert.Single(sink.Batches);

        log.Clock.Advance(TimeSpan.FromMinutes(1));
        sink.OnBatch = null;
        Assert.Equal(DeliveryStepOutcome.CaughtUp, (await delivery.DeliverPendingAsync(subscription, sink, None)).Outcome);
        Assert.Equal(sink.Batches[0].Select(e => e.Id), sink.Batches[1].Select(e => e.Id));
        var delivered = (await log.Cursors.GetAsync("flaky", RecordingSink.Name, None))!;
        Assert.Equal((0, (DateTimeOffset?)null), (delivered.Attempt, delivered.NextAttemptAt));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task WhenRetentionRemovedChangesAfterTheCursor_TheStepReportsTheGap_AndGoesOnFromTheOldestKept(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101", "310102");
        var pruned = await log.EventIdsAsync();
        log.Clock.Advance(TimeSpan.FromDays(40));
        await log.CommitCasesAsync("310103");
        await log.Store.PruneChangesAsync(log.Clock.GetUtcNow().AddDays(-30), None);
        var subscription = ChangeLogFixture.Subscription("late");
        var sink = new RecordingSink();
        var delivery = log.Delivery();
        await delivery.DeliverPendingAsync(subscription, sink, None);

        var step = await delivery.DeliverPendingAsync(subscription, sink, None);

        Assert.Equal(new ChangeLogGap(0, pruned.Count), step.Gap);
        Assert.Equal(await log.EventIdsAsync(), sink.Received.Select(e => e.Id));
        Assert.Null((await delivery.DeliverPendingAsync(subscription, sink, None)).Gap);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ADeliveryAnotherProcessOwns_IsLeftAlone_WithoutACursorOrAnEvent(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101");
        var subscription = ChangeLogFixture.Subscription("elsewhere");
        var sink = new RecordingSink();

        var step = await log.Delivery(new OwnedElsewhere()).DeliverPendingAsync(subscription, sink, None);

        Assert.Equal(DeliveryStepOutcome.NotMine, step.Outcome);
        Assert.Empty(sink.Batches);
        Assert.Null(await log.Cursors.GetAsync("elsewhere", RecordingSink.Name, None));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ASubscriptionThatDoesNotUseTheChannel_GetsNothingOnIt(HubStack stack)
    {
        await using var log = await ChangeLogFixture.CreateAsync(stack);
        await log.CommitCasesAsync("310101");
        var subscription = ChangeLogFixture.Subscription("pull-only") with { Amqp = false };
        var sink = new RecordingSink();

        Assert.Equal(DeliveryStepOutcome.Inactive, (await log.Delivery().DeliverPendingAsync(subscription, sink, None)).Outcome);
        Assert.Empty(sink.Batches);
    }

    private sealed class OwnedElsewhere : IDeliveryOwnership
    {
        public ValueTask<bool> IsMineAsync(string subscriptionId, string channel, CancellationToken ct) => ValueTask.FromResult(false);
    }

    /// <summary>
    /// A run over five committed cases in pages of two, through <see cref="HeldCursors"/>: its cursor started and its first
    /// page sent, that page's save held.
    /// </summary>
    private sealed class HeldRun
    {
        private HeldRun(ChangeLogFixture log)
        {
            Cursors = new HeldCursors(log.Cursors);
            Delivery = log.Delivery(cursors: Cursors);
        }

        public Subscription Subscription { get; } = ChangeLogFixture.Subscription("province");

        public RecordingSink Sink { get; } = new(batchSize: 2);

        public HeldCursors Cursors { get; }

        public ChannelDelivery Delivery { get; }

        public DeliveryRun Run { get; } = new();

        public Task<DeliveryStep> StepAsync() => Delivery.DeliverPendingAsync(Subscription, Sink, Run, None);

        public static async Task<HeldRun> StartAsync(ChangeLogFixture log)
        {
            await log.CommitCasesAsync("310101", "310102", "310103", "310104", "310105");
            var held = new HeldRun(log);
            Assert.Equal(DeliveryStepOutcome.More, (await held.StepAsync()).Outcome);
            held.Cursors.Hold();
            Assert.Equal(DeliveryStepOutcome.More, (await held.StepAsync().WaitAsync(TimeSpan.FromSeconds(30))).Outcome);
            return held;
        }
    }

    /// <summary>The store's cursors, whose saves wait while held.</summary>
    private sealed class HeldCursors(IDeliveryCursors inner) : IDeliveryCursors
    {
        private TaskCompletionSource _released = Released();

        private static TaskCompletionSource Released()
        {
            var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            released.SetResult();
            return released;
        }

        public HeldCursors Hold()
        {
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return this;
        }

        public void Release() => _released.TrySetResult();

        /// <summary>The saves waiting now go on; any later one is held again.</summary>
        public void ReleaseWaitingAndHold()
        {
            var waiting = _released;
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.TrySetResult();
        }

        public Task<DeliveryCursor?> GetAsync(string subscriptionId, string channel, CancellationToken ct) => inner.GetAsync(subscriptionId, channel, ct);

        public Task<IReadOnlyList<DeliveryCursor>> ListAsync(CancellationToken ct) => inner.ListAsync(ct);

        public Task<bool> StartAsync(string subscriptionId, string channel, long position, CancellationToken ct) => inner.StartAsync(subscriptionId, channel, position, ct);

        public async Task<bool> SaveAsync(DeliveryCursor cursor, IReadOnlyList<WebhookDelivery> attempts, CancellationToken ct)
        {
            await _released.Task;
            return await inner.SaveAsync(cursor, attempts, ct);
        }

        public Task RecordReadPositionAsync(string subscriptionId, string channel, long position, CancellationToken ct) => inner.RecordReadPositionAsync(subscriptionId, channel, position, ct);

        public Task<bool> RewindAsync(string subscriptionId, string channel, long? toPosition, CancellationToken ct) => inner.RewindAsync(subscriptionId, channel, toPosition, ct);

        public Task RemoveAsync(string subscriptionId, string channel, CancellationToken ct) => inner.RemoveAsync(subscriptionId, channel, ct);
    }
}
