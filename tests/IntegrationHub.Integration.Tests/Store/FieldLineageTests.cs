using Dapper;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>
/// Field lineage is stored only for records merged from several sources; a record held by one source derives it from
/// its source row, and answers the same as a stored one would.
/// </summary>
public sealed class FieldLineageTests
{
    private const string Number = "沪市监罚〔2026〕21号";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ARecordHeldByOneSource_StoresNoLineage_YetAnswersEveryGroupItHolds_AndItsTombstoneKeepsIt(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer) = (opened.Store, opened.Committer);
        var run = (await store.StartRunAsync("market", "api", CancellationToken.None))!;
        var readAt = new DateTimeOffset(2026, 11, 26, 7, 30, 0, TimeSpan.Zero);
        await committer.CommitAsync(PenaltyBatches.One(run.RunId, "market", 0, Number) with { ReadAt = readAt, MappingVersion = 3 }, CancellationToken.None);
        var recordId = Assert.Single(await store.ListRecordsAsync(new RecordQuery { Limit = 10 }, CancellationToken.None)).Id;

        await using (var connection = await opened.Dialect.OpenAsync(CancellationToken.None))
            Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT field_lineage FROM golden_records WHERE id = @recordId", new { recordId }));
        var lineage = (await store.GetFieldLineageAsync(recordId, CancellationToken.None))!;

        // The case has an agency, a category, a decision number and dates: the "case" and "dates" groups, no others.
        Assert.Equal(["case", "dates"], lineage.Select(l => l.Group));
        Assert.All(lineage, l => Assert.Equal(("market", Number, 3L, readAt), (l.Connector, l.SourceKey, l.MappingVersion, l.ReadAt)));

        await committer.CommitAsync(PenaltyBatches.One(run.RunId, "market", 1, "沪市监罚〔2026〕22号") with
        {
            Accepted = [],
            Deleted = [new SourceDeletion(Number)],
        }, CancellationToken.None);

        var record = (await store.GetRecordAsync(recordId, CancellationToken.None))!;
        Assert.NotNull(record.DeletedAt);
        Assert.Equal(Described(lineage), Described((await store.GetFieldLineageAsync(recordId, CancellationToken.None))!));
    }

    private static IEnumerable<string> Described(IEnumerable<FieldLineage> lineage) =>
        lineage.Select(l => $"{l.Group} [{string.Join(",", l.Paths)}] {l.Connector}/{l.SourceKey} v{l.SourceVersion} m{l.MappingVersion} {l.ReadAt:O}");
}
