using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

public sealed class RunStoreTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task InterruptStaleRuns_InterruptsSilentRuns_ButSparesTheRunsTheCallerKnowsAlive(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var settings = await HubSettings.CreateAsync(stack, empty);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var store = new SqlSupervisionStore(settings.OpenStoreDialect(), clock);
        await store.MigrateAsync(CancellationToken.None);

        var dead = (await store.StartRunAsync("dead-process", "schedule", CancellationToken.None))!;
        var busy = (await store.StartRunAsync("busy-process", "schedule", CancellationToken.None))!;
        clock.Advance(TimeSpan.FromMinutes(1)); // neither has sent a heartbeat for a minute

        var interrupted = await store.InterruptStaleRunsAsync(clock.GetUtcNow() - TimeSpan.FromSeconds(30), [busy.RunId], CancellationToken.None);

        Assert.Single(interrupted);
        Assert.Equal(RunStatus.Interrupted, (await store.GetRunAsync(dead.RunId, CancellationToken.None))!.Status);
        Assert.Equal(RunStatus.Running, (await store.GetRunAsync(busy.RunId, CancellationToken.None))!.Status);
    }
}
