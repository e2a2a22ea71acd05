using IntegrationHub.Canonical.Model;
using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Feeds;
using IntegrationHub.Feeds.Channels;
using IntegrationHub.Feeds.Privacy;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Delivery;

/// <summary>
/// A store of its own on one stack whose change log is written the real way (batch commits of one connector run), and
/// the delivery engine over it as one worker process would build it. <see cref="AnotherProcessAsync"/> builds the engine
/// a second time over the same database, as a second process would.
/// </summary>
public sealed class ChangeLogFixture : IAsyncDisposable
{
    private readonly HubSettings _settings;
    private readonly IBatchCommitter _committer;
    private Guid _runId;
    private int _batches;
    private int _cases;

    private ChangeLogFixture(HubSettings settings, FakeTimeProvider clock)
    {
        _settings = settings;
        Clock = clock;
        Store = new SqlSupervisionStore(settings.OpenStoreDialect(), clock);
        _committer = BatchCommitters.For(settings.OpenStoreDialect(), clock);
        Cursors = new SqlDeliveryCursors(settings.OpenStoreDialect(), clock);
    }

    public FakeTimeProvider Clock { get; }

    public SqlSupervisionStore Store { get; }

    public SqlDeliveryCursors Cursors { get; }

    public PersonalDataTokens Tokens { get; } = new(new byte[32]);

    public static async Task<ChangeLogFixture> CreateAsync(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        var settings = await HubSettings.CreateAsync(stack, empty);
        var fixture = new ChangeLogFixture(settings, new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero)));
        await fixture.Store.MigrateAsync(CancellationToken.None);
        fixture._runId = (await fixture.Store.StartRunAsync("market", "manual", CancellationToken.None))!.RunId;
        return fixture;
    }

    /// <summary>A subscription pushed on the test channel, scoped to the region prefixes given (everything when none).</summary>
    public static Subscription Subscription(string id, params string[] regions) => new()
    {
        Id = id,
        Name = id,
        Scope = new FeedScope { Regions = regions },
        Amqp = true,
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>
    /// The delivery step as a worker process builds it, with the ownership given (every delivery its own by default) and
    /// the cursors given (the store's by default).
    /// </summary>
    public ChannelDelivery Delivery(IDeliveryOwnership? ownership = null, IDeliveryCursors? cursors = null) =>
        new(new ChangeLogReader(Store), cursors ?? Cursors, Tokens, ownership ?? new SingleWorkerOwnership(), Clock);

    /// <summary>The engine of a second process on the same store: its own store objects and connections.</summary>
    public ChannelDelivery AnotherProcess() =>
        new(new ChangeLogReader(new SqlSupervisionStore(_settings.OpenStoreDialect(), Clock)),
            new SqlDeliveryCursors(_settings.OpenStoreDialect(), Clock), Tokens, new SingleWorkerOwnership(), Clock);

    /// <summary>Commits one batch with a new case per region given (one change-log entry each, in this order).</summary>
    public async Task CommitCasesAsync(params string[] regions)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        var accepted = regions.Select(region =>
        {
            var number = $"沪市监罚〔2026〕{++_cases}号";
            var record = new EnforcementAction
            {
                Agency = new EnforcingAgency { Name = "市场监督管理局", Uscc = "11310000MB2F3468XK", RegionCode = region },
                Category = ActionCategory.Penalty,
                DecisionNumber = number,
                Dates = new ActionDates { Decided = new DateOnly(2026, 3, 2) },
            };
            return new AcceptedSourceRecord
            {
                SourceKey = "case-" + _cases,
                Content = CanonicalJson.Serialize(record),
                ContentHash = CanonicalJson.ContentHash(record),
                CaseIdentity = "11310000MB2F3468XK|" + number,
                Raw = "{}",
            };
        }).ToList();
        await _committer.CommitAsync(new BatchToCommit
        {
            RunId = _runId,
            ConnectorId = "market",
            Sequence = _batches++,
            IsLast = false,
            ReadAt = Clock.GetUtcNow(),
            MappingVersion = 1,
            SourcePriority = 10,
            Accepted = accepted,
        }, CancellationToken.None);
    }

    /// <summary>The change log's event ids in sequence order, of the regions starting with the prefix given (all when null).</summary>
    public async Task<List<string>> EventIdsAsync(string? regionPrefix = null)
    {
        var changes = await Store.ReadChangesAsync(0, long.MaxValue,
            new FeedScope { Regions = regionPrefix is null ? [] : [regionPrefix] }, 10_000, CancellationToken.None);
        return [.. changes.Select(c => c.EventId)];
    }

    public ValueTask DisposeAsync() => _settings.DisposeAsync();
}
