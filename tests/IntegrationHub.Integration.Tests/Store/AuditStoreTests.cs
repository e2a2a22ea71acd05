using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

public sealed class AuditStoreTests
{
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AuditLog_ListsNewestFirst_FiltersByActionAndTarget_AndPagesBeforeAnId(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        await using var settings = await HubSettings.CreateAsync(stack, empty);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var store = new SqlSupervisionStore(settings.OpenStoreDialect(), clock);
        await store.MigrateAsync(CancellationToken.None);

        var ids = new List<long>();
        foreach (var (action, target) in new[] { ("connector.register", "a"), ("connector.run", "a"), ("connector.run", "b"), ("quarantine.replay", "a") })
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            ids.Add(await store.AppendAuditAsync(new AuditEntry
            {
                At = clock.GetUtcNow(),
                ActorKeyId = "key_1",
                ActorName = "运维 operator",
                Action = action,
                Target = target,
                Via = "api",
                Detail = action == "quarantine.replay" ? "3 entries" : null,
            }, CancellationToken.None));
        }

        var all = await store.ListAuditAsync(new AuditQuery(), CancellationToken.None);
        Assert.Equal(ids.AsEnumerable().Reverse(), all.Select(e => e.Id));
        Assert.Equal("运维 operator", all[0].ActorName);
        Assert.Equal("3 entries", all[0].Detail);
        Assert.Equal(clock.GetUtcNow(), all[0].At);

        Assert.Equal(["b", "a"], (await store.ListAuditAsync(new AuditQuery { Action = "connector.run" }, CancellationToken.None)).Select(e => e.Target));
        Assert.Equal(3, (await store.ListAuditAsync(new AuditQuery { Target = "a" }, CancellationToken.None)).Count);

        var firstPage = await store.ListAuditAsync(new AuditQuery { Limit = 2 }, CancellationToken.None);
        var secondPage = await store.ListAuditAsync(new AuditQuery { Limit = 2, Before = firstPage[^1].Id }, CancellationToken.None);
        Assert.Equal(ids.AsEnumerable().Reverse(), firstPage.Concat(secondPage).Select(e => e.Id));
    }
}
