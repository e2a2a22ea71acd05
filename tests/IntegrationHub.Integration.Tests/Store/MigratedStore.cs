using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>A fresh, migrated store of one stack with its batch writer, on a fake clock; disposing it removes the store.</summary>
internal sealed class MigratedStore : IAsyncDisposable
{
    private readonly HubSettings _settings;

    private MigratedStore(HubSettings settings, StoreDialect dialect, FakeTimeProvider clock)
    {
        _settings = settings;
        Dialect = dialect;
        Clock = clock;
        Store = new SqlSupervisionStore(dialect, clock);
        Committer = BatchCommitters.For(dialect, clock);
    }

    public StoreDialect Dialect { get; }

    public FakeTimeProvider Clock { get; }

    public SqlSupervisionStore Store { get; }

    public IBatchCommitter Committer { get; }

    public static async Task<MigratedStore> OpenAsync(HubStack stack)
    {
        var empty = Directory.CreateTempSubdirectory("hub-connectors-").FullName;
        var settings = await HubSettings.CreateAsync(stack, empty);
        var store = new MigratedStore(settings, settings.OpenStoreDialect(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero)));
        await store.Store.MigrateAsync(CancellationToken.None);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (Committer is IAsyncDisposable committer)
            await committer.DisposeAsync();
        await _settings.DisposeAsync();
    }
}
