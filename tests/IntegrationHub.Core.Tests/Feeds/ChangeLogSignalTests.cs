using IntegrationHub.Feeds;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Core.Tests.Feeds;

/// <summary>The commit notice the change log's readers wait on instead of polling.</summary>
public sealed class ChangeLogSignalTests
{
    [Fact]
    public async Task WaitAsync_ANoticeAfterTheVersionSeen_EndsTheWait()
    {
        var signal = new ChangeLogSignal();
        var seen = signal.Version;
        var waiting = signal.WaitAsync(seen, TimeSpan.FromMinutes(5), new FakeTimeProvider(), CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        signal.Notify();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task WaitAsync_ANoticeBeforeTheWaitBegan_IsNotMissed()
    {
        var signal = new ChangeLogSignal();
        var seen = signal.Version;
        signal.Notify();

        Assert.True(await signal.WaitAsync(seen, TimeSpan.FromMinutes(5), new FakeTimeProvider(), CancellationToken.None));
    }

    [Fact]
    public async Task WaitAsync_WithoutANotice_EndsAtTheTimeout()
    {
        var clock = new FakeTimeProvider();
        var signal = new ChangeLogSignal();
        var waiting = signal.WaitAsync(signal.Version, TimeSpan.FromSeconds(1), clock, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(await waiting);
    }
}
