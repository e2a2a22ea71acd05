using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

public sealed class ApiKeyStoreTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AnyApiKeyWithRole_IgnoresExpiredKeys_SoABootstrapKeyCanBeCreatedAgain(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var settings = await HubSettings.CreateAsync(stack, empty);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var store = new SqlSupervisionStore(settings.OpenStoreDialect(), clock);
        await store.MigrateAsync(CancellationToken.None);

        await store.CreateApiKeyAsync(new ApiKey
        {
            Id = "key_expiring",
            Name = "temporary administrator",
            Role = "administrator",
            Scopes = ["feed:read"],
            Prefix = "hub_abcd",
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = clock.GetUtcNow().AddHours(1),
        }, "hash-of-the-temporary-key", CancellationToken.None);

        Assert.True(await store.AnyApiKeyWithRoleAsync("administrator", CancellationToken.None));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.False(await store.AnyApiKeyWithRoleAsync("administrator", CancellationToken.None));
    }
}
