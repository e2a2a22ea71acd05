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
/// </summary>
public sealed class ChannelDelivery(
    ChangeLogReader reader,
    IDeliveryCursors cursors,
    PersonalDataTokens tokens,
    IDeliveryOwnership ownership,
    TimeProvider clock)
{
    public async Task<DeliveryStep> DeliverPendingAsync(Subscription subscription, IChannelSink sink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(sink);
        if (!sink.Delivers(subscription))
            return DeliveryStep.Inactive;
        if (!await ownership.IsMineAsync(subscription.Id, sink.Channel, ct).ConfigureAwait(false))
            return DeliveryStep.NotMine;

        var cursor = await cursors.GetAsync(subscription.Id, sink.Channel, ct).ConfigureAwait(false);
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
        var page = await reader.ReadAsync(cursor.Position, access, sink.BatchSize, ct).ConfigureAwait(false);
        if (page.Next <= cursor.Position)
            return new DeliveryStep(DeliveryStepOutcome.CaughtUp, gap);

        var progress = new DeliveryProgress(cursors, cursor, clock);
        var delivered = await sink.DeliverAsync(subscription, page.Events, progress, ct).ConfigureAwait(false);
        if (progress.Superseded)
            return new DeliveryStep(DeliveryStepOutcome.More, gap);
        if (!delivered)
            return new DeliveryStep(DeliveryStepOutcome.Waiting, gap);

        // Past the changes that had nothing for the subscriber too: outside its scope, or carrying no event for it.
        await progress.DeliveredAsync(page.Next, null, ct).ConfigureAwait(false);
        return new DeliveryStep(page.HasMore || progress.Superseded ? DeliveryStepOutcome.More : DeliveryStepOutcome.CaughtUp, gap);
    }
}
