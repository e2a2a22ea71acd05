using IntegrationHub.Canonical.Validation;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Integration.Tests.Store;

/// <summary>
/// The store writer's side of skipping unchanged inputs (issue 11): a batch may say a record is unchanged by naming the
/// input hash its stored content came from; the writer counts it so only while the store still holds that input.
/// </summary>
public sealed class UnchangedClaimTests
{
    private const string Number = "沪市监罚〔2026〕7号";

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AClaimOfTheStoredInput_CountsUnchanged_AndAClaimTheStoreNoLongerHolds_RefusesTheBatchUnwritten(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer) = (opened.Store, opened.Committer);
        var run = (await store.StartRunAsync("market", "api", CancellationToken.None))!;
        await committer.CommitAsync(PenaltyBatches.Batch(run.RunId, "market", 0, PenaltyBatches.Accepted(Number, inputHash: "input-1")), CancellationToken.None);
        Assert.Equal(new Dictionary<string, string> { [Number] = "input-1" },
            await store.GetInputHashesAsync("market", [Number, "沪市监罚〔2026〕8号"], CancellationToken.None));

        var held = await committer.CommitAsync(Claim(run.RunId, 1, Number, "input-1"), CancellationToken.None);
        var stale = await Assert.ThrowsAsync<UnchangedClaimException>(() => committer.CommitAsync(Claim(run.RunId, 2, Number, "input-0"), CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<UnchangedClaimException>(() =>
            committer.CommitAsync(Claim(run.RunId, 2, "沪市监罚〔2026〕8号", "input-1"), CancellationToken.None));

        Assert.Equal((BatchDisposition.Committed, 1L, 0L), (held.Disposition, held.Counts.Unchanged, held.Counts.Inserted + held.Counts.Updated));
        Assert.Contains(Number, stale.Message, StringComparison.Ordinal);
        Assert.Contains("no live record", unknown.Message, StringComparison.Ordinal);
        var counts = (await store.GetRunAsync(run.RunId, CancellationToken.None))!.Counts;
        Assert.Equal((2L, 1L, 1L, 2), (counts.Pulled, counts.Inserted, counts.Unchanged, (await store.GetRunAsync(run.RunId, CancellationToken.None))!.BatchesStored));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ARecordReadFromAnotherInputWithTheSameContent_KeepsItsContent_AndRemembersTheNewInput(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer) = (opened.Store, opened.Committer);
        var run = (await store.StartRunAsync("market", "api", CancellationToken.None))!;
        await committer.CommitAsync(PenaltyBatches.Batch(run.RunId, "market", 0, PenaltyBatches.Accepted(Number, inputHash: "input-1")), CancellationToken.None);

        var result = await committer.CommitAsync(PenaltyBatches.Batch(run.RunId, "market", 1, PenaltyBatches.Accepted(Number, inputHash: "input-2")), CancellationToken.None);

        Assert.Equal(1L, result.Counts.Unchanged);
        Assert.Equal("input-2", (await store.GetInputHashesAsync("market", [Number], CancellationToken.None))[Number]);
        Assert.Single(await store.GetHistoryAsync((await store.ListRecordsAsync(new RecordQuery { Limit = 1 }, CancellationToken.None)).Single().Id, CancellationToken.None));
    }

    /// <summary>Invariant 5's quarantine is left when the source is fixed, also when the fix is an input the store holds.</summary>
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ARecordBrokenAtItsSourceAndThenBackAsStored_LeavesQuarantineThroughItsClaim(HubStack stack)
    {
        await using var opened = await MigratedStore.OpenAsync(stack);
        var (store, committer) = (opened.Store, opened.Committer);
        var run = (await store.StartRunAsync("market", "api", CancellationToken.None))!;
        await committer.CommitAsync(PenaltyBatches.Batch(run.RunId, "market", 0, PenaltyBatches.Accepted(Number, inputHash: "input-1")), CancellationToken.None);
        await committer.CommitAsync(PenaltyBatches.Batch(run.RunId, "market", 1) with
        {
            Rejected = [new RejectedSourceRecord
            {
                SourceKey = Number, Raw = """{"决定书文号":""}""",
                Reasons = [ValidationIssue.Error("decisionNumber", "决定书文号", "", "required", "决定书文号不能为空。", "The decision number is required.")],
            }],
        }, CancellationToken.None);
        var open = new QuarantineQuery { ConnectorId = "market" };
        Assert.Single(await store.ListQuarantineAsync(open, CancellationToken.None));

        await committer.CommitAsync(Claim(run.RunId, 2, Number, "input-1"), CancellationToken.None);

        Assert.Empty(await store.ListQuarantineAsync(open, CancellationToken.None));
        Assert.Single(await store.ListQuarantineAsync(open with { Status = "resolved" }, CancellationToken.None));
    }

    private static BatchToCommit Claim(Guid runId, int sequence, string key, string inputHash) =>
        PenaltyBatches.Batch(runId, "market", sequence) with { Unchanged = [new UnchangedSourceRecord(key, inputHash)] };
}
