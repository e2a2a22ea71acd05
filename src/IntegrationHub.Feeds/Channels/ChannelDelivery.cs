using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Feeds.Channels;

/// <summary>
/// The "deliver what is pending" step of one (subscription, channel), the same for every pushed channel: read the
/// change log after the cursor through the one <see cref="ChangeLogReader"/> (scope, envelope, pruned log), hand the
/// events to the channel's <see cref="IChannelSink"/>, move the cursor. All its state is in the cursor table, so
/// consecutive steps may run in different processes; a step delivers at most one batch, and if its process dies before
/// the cursor is saved, the next step — here or elsewhere — delivers the same events again with the same event ids.
/// Within one <see cref="DeliveryRun"/> a step's cursor save runs on while the next step reads and sends.
/// </summary>
public sealed class ChannelDelivery(
    ChangeLogReader reader,
    IDeliveryCursors cursors,
    PersonalDataTokens tokens,
    IDeliveryOwnership ownership,
    TimeProvider clock)
{
    /// <summary>One step on its own: its cursor read from the store and saved before it returns.</summary>
    public async Task<DeliveryStep> DeliverPendingAsync(Subscription subscription, IChannelSink sink, CancellationToken ct)
    {
        var run = new DeliveryRun();
        var step = await DeliverPendingAsync(subscription, sink, run, ct).ConfigureAwait(false);
        await run.EndAsync().ConfigureAwait(false);
        return step;
    }

    /// <summary>
    /// One step of <paramref name="run"/>: from the position the run's last step left, whose save may still be under way
    /// (<see cref="DeliveryRun"/>); the caller ends the run with <see cref="DeliveryRun.EndAsync"/>.
    /// </summary>
    public async Task<DeliveryStep> DeliverPendingAsync(Subscription subscription, IChannelSink sink, DeliveryRun run, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(run);
        if (!sink.Delivers(subscription))
            return DeliveryStep.Inactive;
        if (!await ownership.IsMineAsync(subscription.Id, sink.Channel, ct).ConfigureAwait(false))
            return DeliveryStep.NotMine;

        run.Observe(subscription);
        var cursor = run.Cursor ?? await cursors.GetAsync(subscription.Id, sink.Channel, ct).ConfigureAwait(false);
        if (cursor is null)
        {
            var start = sink.Start == CursorStart.Newest ? await reader.NewestAsync(ct).ConfigureAwait(false) : 0;
            await cursors.StartAsync(subscription.Id, sink.Channel, start, ct).ConfigureAwait(false);
            return new DeliveryStep(DeliveryStepOutcome.More);
        }

        var access = FeedAccess.Pushed(subscription, tokens);
        await sink.PrepareAsync(subscription, access, ct).ConfigureAwait(false);
        if (cursor.NextAttemptAt is { } due && due > clock.GetUtcNow())
            return new DeliveryStep(DeliveryStepOutcome.Waiting);

        // Reading from before the pruned point returns what is kept: the step goes on from there and reports the gap.
        var gap = await reader.FindGapAsync(cursor.Position, ct).ConfigureAwait(false);
        var page = await reader.ReadAsync(cursor.Position, access, sink.BatchSize(subscription), ct).ConfigureAwait(false);
        if (page.Next <= cursor.Position)
            return new DeliveryStep(DeliveryStepOutcome.CaughtUp, gap);

        // The step's saves follow the previous step's, still under way.
        var progress = new DeliveryProgress(cursors, cursor, clock, run.Saving);
        var delivered = await sink.DeliverAsync(subscription, page.Events, progress, ct).ConfigureAwait(false);
        if (progress.Superseded || !delivered)
        {
            // Superseded: start again from what the store holds. Failed: the failure is saved; the run waits.
            run.Forget();
            await run.SavedAsync().ConfigureAwait(false);
            return new DeliveryStep(progress.Superseded ? DeliveryStepOutcome.More : DeliveryStepOutcome.Waiting, gap);
        }

        // Past the changes that had nothing for the subscriber too: outside its scope, or carrying no event for it. The
        // save runs on while the next step reads and sends; the one before it must be done first (one at a time).
        // This step's save is started first (it follows the previous one): if that one failed, these attempts still reach
        // the log before the failure is reported.
        var saving = progress.DeliveredAsync(page.Next, null, ct);
        bool previousSaved;
        try
        {
            previousSaved = await run.SavedAsync().ConfigureAwait(false);
        }
        catch
        {
            await ((Task)saving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        if (!previousSaved)
        {
            // The cursor was changed under the run (a rewind): this save only logs the attempts; start from the store.
            await saving.ConfigureAwait(false);
            return new DeliveryStep(DeliveryStepOutcome.More, gap);
        }

        run.Continue(progress.Cursor with { Position = page.Next, Attempt = 0, NextAttemptAt = null }, saving);
        return new DeliveryStep(page.HasMore ? DeliveryStepOutcome.More : DeliveryStepOutcome.CaughtUp, gap);
    }
}
