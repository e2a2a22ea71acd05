using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>The conflict log keeps one entry per record and field group: logged once, updated on change, resolved on agreement.</summary>
public sealed class MergeConflictLogTests
{
    private const string Identity = "11310000MB2F3468XK|沪市监罚〔2026〕17号";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task SameDisagreement_IsLoggedOnce_AndResolvedWhenTheSourcesAgree(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer, clock) = (opened.Store, opened.Committer, opened.Clock);
        var market = new Feed(store, committer, clock, "market", 20);
        var ecology = new Feed(store, committer, clock, "ecology", 10);
        await market.StartAsync();
        await ecology.StartAsync();

        await market.SendAsync(Case() with { Penalties = [Fine(50_000m)] });
        await ecology.SendAsync(Case() with { Penalties = [Fine(50_100m)] });
        var recordId = Assert.Single(await store.ListRecordsAsync(new RecordQuery { Limit = 10 }, CancellationToken.None)).Id;
        var first = Assert.Single(await store.GetConflictsAsync(recordId, CancellationToken.None));

        // The lower-priority source changes something else: the record is merged again, the same disagreement is not logged again.
        clock.Advance(TimeSpan.FromMinutes(5));
        await ecology.SendAsync(Case() with { Penalties = [Fine(50_100m)], Publication = new Publication { PublishedOn = new DateOnly(2026, 3, 9) } });
        var again = Assert.Single(await store.GetConflictsAsync(recordId, CancellationToken.None));
        Assert.Equal(("penalties", "open", "market"), (again.Group, again.Status, again.ChosenConnector));
        Assert.Equal((first.DetectedAt, first.UpdatedAt), (again.DetectedAt, again.UpdatedAt));
        Assert.Equal("ecology", (await store.GetFieldLineageAsync(recordId, CancellationToken.None))!.Single(l => l.Group == "publication").Connector);

        clock.Advance(TimeSpan.FromMinutes(5));
        await ecology.SendAsync(Case() with { Penalties = [Fine(50_000m)], Publication = new Publication { PublishedOn = new DateOnly(2026, 3, 9) } });
        var resolved = Assert.Single(await store.GetConflictsAsync(recordId, CancellationToken.None));
        Assert.Equal("resolved", resolved.Status);
        Assert.Equal(clock.GetUtcNow(), resolved.ResolvedAt);
    }

    private static EnforcementAction Case() => new()
    {
        Agency = new EnforcingAgency { Name = "上海市市场监督管理局", Uscc = "11310000MB2F3468XK", RegionCode = "310000" },
        Category = ActionCategory.Penalty,
        DecisionNumber = "沪市监罚〔2026〕17号",
        Dates = new ActionDates { Decided = new DateOnly(2026, 3, 2) },
    };

    private static Penalty Fine(decimal yuan) => new() { Type = PenaltyType.Fine, AmountYuan = yuan };

    /// <summary>One connector's run, sending one version of the case per batch.</summary>
    private sealed class Feed(SqlSupervisionStore store, IBatchCommitter committer, FakeTimeProvider clock, string connectorId, int priority)
    {
        private Guid _runId;
        private int _sequence = -1;

        public async Task StartAsync() => _runId = (await store.StartRunAsync(connectorId, "manual", CancellationToken.None))!.RunId;

        public async Task SendAsync(EnforcementAction record)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await committer.CommitAsync(new BatchToCommit
            {
                RunId = _runId,
                ConnectorId = connectorId,
                Sequence = ++_sequence,
                IsLast = false,
                ReadAt = clock.GetUtcNow(),
                MappingVersion = 1,
                SourcePriority = priority,
                Accepted =
                [
                    new AcceptedSourceRecord
                    {
                        SourceKey = connectorId + "-1",
                        Content = CanonicalJson.Serialize(record),
                        ContentHash = CanonicalJson.ContentHash(record),
                        CaseIdentity = Identity,
                        Raw = "{}",
                    },
                ],
            }, CancellationToken.None);
        }
    }
}
