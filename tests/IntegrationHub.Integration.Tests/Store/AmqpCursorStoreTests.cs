using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

public sealed class AmqpCursorStoreTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AmqpCursor_StartsAtZero_MovesForward_AndNeverMovesBack(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var settings = await HubSettings.CreateAsync(stack, empty);
        var store = new SqlSupervisionStore(settings.OpenStoreDialect(), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56)));
        await store.MigrateAsync(CancellationToken.None);

        Assert.Equal(0, await store.GetAmqpCursorAsync("city-justice", CancellationToken.None));
        await store.AdvanceAmqpCursorAsync("city-justice", 40, CancellationToken.None);
        await store.AdvanceAmqpCursorAsync("city-justice", 25, CancellationToken.None);
        await store.AdvanceAmqpCursorAsync("other", 7, CancellationToken.None);

        Assert.Equal(40, await store.GetAmqpCursorAsync("city-justice", CancellationToken.None));
        Assert.Equal(7, await store.GetAmqpCursorAsync("other", CancellationToken.None));
    }
}
