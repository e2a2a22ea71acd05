using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// Cuts a source's stream of changes into pages, the same way for every log reader. A page ends at a commit — at once when
/// nothing more is waiting (a change reaches the pipeline in milliseconds when the source is calm), else after
/// <c>flushAfter</c> (under load pages grow, so the store commits fewer, larger batches) — or when it is full, inside a
/// large transaction (its checkpoint then counts the transaction's changes already paged). With nothing to page for
/// <c>idleCheckpointAfter</c>, an empty page stores the position the log is quiet at, so the source may recycle the log
/// other tables wrote. The run ends at the first commit after <c>endAt</c>; what is waiting then is read again next run.
/// </summary>
internal sealed class ChangePager(CaptureCheckpoint start, int pageSize, TimeSpan flushAfter, TimeSpan idleCheckpointAfter, TimeProvider clock)
{
    public async IAsyncEnumerable<SourcePage> PagesAsync(ChannelReader<LogEvent> events, DateTimeOffset endAt, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        var committed = start with { Snapshot = null, Partial = null };
        var resume = start.Partial;
        var page = new List<SourceRecord>(Math.Min(pageSize, 1024));
        DateTimeOffset? firstAt = null;
        var lastEmitAt = clock.GetUtcNow();
        var open = false;
        string? transaction = null;
        int inTransaction = 0, skip = 0;
        string? quiet = null;
        var pageHasDeletion = false;

        SourcePage Emit(CaptureCheckpoint checkpoint)
        {
            var result = new SourcePage([.. page], checkpoint.Serialize());
            page.Clear();
            pageHasDeletion = false;
            firstAt = null;
            lastEmitAt = clock.GetUtcNow();
            return result;
        }

        while (true)
        {
            while (events.TryRead(out var next))
            {
                switch (next)
                {
                    case LogEvent.Begun begun:
                        open = true;
                        transaction = begun.Transaction;
                        inTransaction = 0;
                        // After a restart the transaction that was paged in part comes first, from its start again.
                        skip = resume is { } partial && partial.Transaction == begun.Transaction ? partial.Skip : 0;
                        resume = null;
                        break;
                    case LogEvent.Changed changed:
                        inTransaction++;
                        if (skip > 0)
                        {
                            skip--;
                            break;
                        }

                        // The store applies a batch's deletions after its other changes: a change after a deletion starts
                        // a new page, so that the store keeps the source's commit order.
                        if (pageHasDeletion && !changed.Record.Deleted)
                        {
                            var paged = inTransaction - 1;
                            yield return Emit(open && paged > 0 ? committed with { Partial = new PartialTransaction(transaction!, paged) } : committed);
                        }

                        page.Add(changed.Record);
                        pageHasDeletion |= changed.Record.Deleted;
                        firstAt ??= clock.GetUtcNow();
                        if (page.Count >= pageSize)
                            yield return Emit(open ? committed with { Partial = new PartialTransaction(transaction!, inTransaction) } : committed);
                        break;
                    case LogEvent.Committed commit:
                        open = false;
                        transaction = null;
                        committed = new CaptureCheckpoint(start.Slot, commit.Position);
                        quiet = null;
                        if (page.Count == 0)
                            quiet = commit.Position;
                        else if (!events.TryPeek(out _) || clock.GetUtcNow() - firstAt >= flushAfter)
                            yield return Emit(committed);
                        if (clock.GetUtcNow() >= endAt)
                        {
                            // Under steady load the queue may never run dry: the run still ends at a commit.
                            if (page.Count > 0 || quiet is not null)
                                yield return Emit(committed);
                            yield break;
                        }

                        break;
                    case LogEvent.Quiet calm when !open:
                        quiet = calm.Position;
                        break;
                    case LogEvent.SourceGone gone:
                        if (page.Count > 0 && !open)
                            yield return Emit(committed);
                        throw new SourceAccessException("read", gone.Reason);
                }
            }

            // Nothing more is waiting: a page complete at a commit goes now.
            if (!open && page.Count > 0)
                yield return Emit(committed);

            var now = clock.GetUtcNow();
            if (!open && now >= endAt)
            {
                if (quiet is not null)
                    yield return Emit(committed with { Position = quiet });
                yield break;
            }

            if (!open && quiet is not null && now - lastEmitAt >= idleCheckpointAfter)
            {
                committed = committed with { Position = quiet };
                quiet = null;
                yield return Emit(committed);
            }

            TimeSpan? wait = open ? null : endAt - now;
            if (!open && quiet is not null)
                wait = Min(wait!.Value, lastEmitAt + idleCheckpointAfter - now);
            if (!await WaitAsync(events, wait, ct).ConfigureAwait(false))
            {
                // The reader ended: its failure is the run's; a clean end is the end of the run.
                await events.Completion.ConfigureAwait(false);
                yield break;
            }
        }
    }

    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Waits for the next event, at most <paramref name="timeout"/> (null: as long as it takes); false when the stream ended.</summary>
    private async Task<bool> WaitAsync(ChannelReader<LogEvent> events, TimeSpan? timeout, CancellationToken ct)
    {
        if (timeout is null)
            return await events.WaitToReadAsync(ct).ConfigureAwait(false);
        if (timeout <= TimeSpan.Zero)
            return true;
        // Woken at least once a minute to look at the clock again: a timer's delay is bounded.
        using var timer = new CancellationTokenSource(timeout.Value < LongestWait ? timeout.Value : LongestWait, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return await events.WaitToReadAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return true;
        }
    }
}
