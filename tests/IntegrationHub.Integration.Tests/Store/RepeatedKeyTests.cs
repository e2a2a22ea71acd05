using IntegrationHub.Canonical.Serialization;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>A source that names one record twice in one page: the store ends with its last read, as with two pages.</summary>
public sealed class RepeatedKeyTests
{
    private const string Number = "沪市监罚〔2026〕9号";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AKeyChangedThenReadAsStoredInOneBatch_EndsAsItsLastRead(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer) = (opened.Store, opened.Committer);
        var run = (await store.StartRunAsync("market", "api", CancellationToken.None))!;
        var stored = PenaltyBatches.Accepted(Number);
        await committer.CommitAsync(PenaltyBatches.Batch(run.RunId, "market", 0, stored), CancellationToken.None);

        // The page carries the record corrected, then the record as it was (the source's last word).
        var result = await committer.CommitAsync(PenaltyBatches.Batch(run.RunId, "market", 1, PenaltyBatches.Accepted(Number, new DateOnly(2026, 3, 9)), stored), CancellationToken.None);

        var record = (await store.ListRecordsAsync(new RecordQuery { Limit = 1 }, CancellationToken.None)).Single();
        Assert.Equal(new DateOnly(2026, 3, 2), CanonicalJson.Deserialize(record.Content).Dates.Decided);
        Assert.Equal((2L, 0L), (result.Counts.Updated, result.Counts.Unchanged));
        Assert.Equal(3, record.Version);
    }
}
