using System.Text.Json.Nodes;
using System.Threading.Channels;
using IntegrationHub.Connectors;
using IntegrationHub.Connectors.Sql.Capture;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Core.Tests.Connectors.Capture;

/// <summary>How a change stream becomes pages and checkpoints, the same for every log reader; no database.</summary>
public sealed class ChangePagerTests
{
    private static readonly CaptureCheckpoint Start = new("hub_c", "0/100");
    private static readonly DateTimeOffset Later = DateTimeOffset.MaxValue;

    [Fact]
    public async Task ATransaction_WithNothingMoreWaiting_IsAPageAtItsCommit_CheckpointedAfterIt()
    {
        var events = Channel.CreateUnbounded<LogEvent>();
        await using var pages = Pager().PagesAsync(events.Reader, Later, CancellationToken.None).GetAsyncEnumerator();
        Write(events, Transaction("0/200", 1, 2));

        Assert.True(await pages.MoveNextAsync());
        Assert.Equal([1, 2], Rows(pages.Current));
        Assert.Equal("0/200", Checkpoint(pages.Current).Position);
        Assert.Null(Checkpoint(pages.Current).Partial);

        Write(events, Transaction("0/300", 3));
        events.Writer.Complete();
        Assert.True(await pages.MoveNextAsync());
        Assert.Equal([3], Rows(pages.Current));
        Assert.False(await pages.MoveNextAsync());
    }

    [Fact]
    public async Task TransactionsWaitingOneBehindAnother_GoTogether_UntilTheFlushInterval()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(10));
        var events = Channel.CreateUnbounded<LogEvent>();
        for (var i = 1; i <= 10; i++)
            Write(events, Transaction($"0/{i}00", i));
        events.Writer.Complete();

        var pages = await Pager(clock, flushAfter: TimeSpan.FromMilliseconds(35)).PagesAsync(events.Reader, Later, CancellationToken.None).ToListAsync();

        Assert.InRange(pages.Count, 2, 5);
        Assert.Equal(Enumerable.Range(1, 10), pages.SelectMany(Rows));
        Assert.All(pages, page => Assert.Null(Checkpoint(page).Partial));
        Assert.Equal("0/1000", Checkpoint(pages[^1]).Position);
    }

    [Fact]
    public async Task AChangeAfterADeletion_StartsANewPage_SoThatTheStoreKeepsCommitOrder()
    {
        var events = Channel.CreateUnbounded<LogEvent>();
        Write(events, new LogEvent.Begun("tx-0/200"), Changed(1), Changed(2, deleted: true), Changed(3), Changed(4, deleted: true), new LogEvent.Committed("0/200"));
        events.Writer.Complete();

        var pages = await Pager().PagesAsync(events.Reader, Later, CancellationToken.None).ToListAsync();

        Assert.Equal([[1, 2], [3, 4]], pages.Select(p => Rows(p).ToList()));
        Assert.Equal(new PartialTransaction("tx-0/200", 2), Checkpoint(pages[0]).Partial);
        Assert.Equal("0/100", Checkpoint(pages[0]).Position);
        Assert.Null(Checkpoint(pages[1]).Partial);
        Assert.Equal("0/200", Checkpoint(pages[1]).Position);
    }

    [Fact]
    public async Task ALargeTransaction_IsCutAtThePageSize_AndReadAgainAfterARestart_ItsPagedChangesAreSkipped()
    {
        var events = Channel.CreateUnbounded<LogEvent>();
        Write(events, Transaction("0/900", 1, 2, 3, 4, 5, 6, 7));
        events.Writer.Complete();

        var pages = await Pager(pageSize: 3).PagesAsync(events.Reader, Later, CancellationToken.None).ToListAsync();

        Assert.Equal([[1, 2, 3], [4, 5, 6], [7]], pages.Select(p => Rows(p).ToArray()));
        Assert.Equal(new PartialTransaction("tx-0/900", 6), Checkpoint(pages[1]).Partial);
        Assert.Equal("0/100", Checkpoint(pages[1]).Position);

        // The hub stopped after the second page: the log sends the transaction again from its start.
        var again = Channel.CreateUnbounded<LogEvent>();
        Write(again, Transaction("0/900", 1, 2, 3, 4, 5, 6, 7));
        again.Writer.Complete();
        var resumed = await new ChangePager(Checkpoint(pages[1]), 3, TimeSpan.Zero, TimeSpan.FromHours(1), TimeProvider.System)
            .PagesAsync(again.Reader, Later, CancellationToken.None).ToListAsync();

        Assert.Equal([7], resumed.SelectMany(Rows));
        Assert.Equal("0/900", Checkpoint(resumed[^1]).Position);
    }

    [Fact]
    public async Task AQuietLog_StoresTheQuietPosition_AfterTheIdleInterval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var events = Channel.CreateUnbounded<LogEvent>();
        await using var pages = Pager(clock, idle: TimeSpan.FromSeconds(10)).PagesAsync(events.Reader, Later, CancellationToken.None).GetAsyncEnumerator();
        Write(events, new LogEvent.Quiet("0/5000"));

        var next = pages.MoveNextAsync().AsTask();
        while (!next.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        Assert.True(await next);
        Assert.Empty(pages.Current.Records);
        Assert.Equal("0/5000", Checkpoint(pages.Current).Position);
        Assert.True(clock.GetUtcNow() >= DateTimeOffset.UnixEpoch.AddSeconds(10));
    }

    [Fact]
    public async Task TheRunsEnd_ComesAtACommit_AndWhatWaitsThenIsLeftForTheNextRun()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(10));
        var events = Channel.CreateUnbounded<LogEvent>();
        for (var i = 1; i <= 10; i++)
            Write(events, Transaction($"0/{i}00", i));

        var pages = await Pager(clock).PagesAsync(events.Reader, clock.GetUtcNow().AddMilliseconds(100), CancellationToken.None).ToListAsync();

        var rows = pages.SelectMany(Rows).ToList();
        Assert.InRange(rows.Count, 1, 9);
        Assert.Equal(Enumerable.Range(1, rows.Count), rows);
        Assert.Equal($"0/{rows.Count}00", Checkpoint(pages[^1]).Position);
    }

    [Fact]
    public async Task TheTableGone_SendsWhatCameBefore_ThenFailsWithTheReason()
    {
        var events = Channel.CreateUnbounded<LogEvent>();
        Write(events, Transaction("0/200", 1));
        Write(events, new LogEvent.SourceGone("Table cases was dropped."));
        var pages = new List<SourcePage>();

        var error = await Assert.ThrowsAsync<SourceAccessException>(async () =>
        {
            await foreach (var page in Pager().PagesAsync(events.Reader, Later, CancellationToken.None))
                pages.Add(page);
        });

        Assert.Equal("Table cases was dropped.", error.Message);
        Assert.Equal([1], pages.SelectMany(Rows));
    }

    [Fact]
    public void Checkpoint_RoundTrips_WithTheSnapshotsLastKeyAndAPartialTransaction()
    {
        var checkpoint = new CaptureCheckpoint("hub_c", "16/B374D848")
        {
            Snapshot = new SnapshotProgress([42L, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), "京"]),
            Partial = new PartialTransaction("16/B3750000", 500),
        };

        var parsed = CaptureCheckpoint.Parse(checkpoint.Serialize())!;

        Assert.Equal(checkpoint.Slot, parsed.Slot);
        Assert.Equal(checkpoint.Position, parsed.Position);
        Assert.Equal(checkpoint.Partial, parsed.Partial);
        Assert.Equal(checkpoint.Snapshot.After, parsed.Snapshot!.After);
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)parsed.Snapshot.After![1]).Kind);
    }

    [Fact]
    public void Checkpoint_OfThePollMode_IsNoCaptureCheckpoint() =>
        Assert.Null(CaptureCheckpoint.Parse("""{"w":{"t":"i","v":1},"k":{"t":"i","v":2}}"""));

    private static ChangePager Pager(TimeProvider? clock = null, int pageSize = 500, TimeSpan? flushAfter = null, TimeSpan? idle = null) =>
        new(Start, pageSize, flushAfter ?? TimeSpan.FromSeconds(1), idle ?? TimeSpan.FromHours(1), clock ?? TimeProvider.System);

    private static IEnumerable<LogEvent> Transaction(string end, params int[] rows) =>
        [new LogEvent.Begun($"tx-{end}"), .. rows.Select(r => new LogEvent.Changed(new SourceRecord(new JsonObject { ["id"] = r }))), new LogEvent.Committed(end)];

    private static LogEvent.Changed Changed(int id, bool deleted = false) => new(new SourceRecord(new JsonObject { ["id"] = id }, Deleted: deleted));

    private static void Write(Channel<LogEvent> channel, params IEnumerable<LogEvent> events)
    {
        foreach (var e in events)
            Assert.True(channel.Writer.TryWrite(e));
    }

    private static IEnumerable<int> Rows(SourcePage page) => page.Records.Select(r => r.Data["id"]!.GetValue<int>());

    private static CaptureCheckpoint Checkpoint(SourcePage page) => CaptureCheckpoint.Parse(page.CheckpointAfter)!;

    /// <summary>A clock that moves on a step at every reading: time passes while a pager drains its queue.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => _now += step;
    }
}
