using IntegrationHub.Canonical.Model;
using IntegrationHub.Indicators;
using IntegrationHub.Integration.Tests.Harness;
using IntegrationHub.Reporting;
using IntegrationHub.Reporting.Assessments;
using IntegrationHub.Samples;
using IntegrationHub.Store.Assessments;
using IntegrationHub.Store.Model;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Integration.Tests.Indicators;

/// <summary>
/// Issue 13: reports from the persisted assessment give exactly the engine's figures over the same cases — for any
/// period, selection, scope and as-of day — and stay so after changes, deletions, a pruned change log, a rules version
/// change, and two processes projecting at once.
/// </summary>
public sealed class PersistedAssessmentTests
{
    private const int Cases = 1500;
    private static readonly IndicatorEngine Engine = new(new IndicatorOptions());

    private static readonly DateOnly[] AsOfDays = [new(2024, 3, 15), new(2024, 7, 1), new(2025, 6, 30)];

    private static readonly ReportingPeriod[] Periods = [ReportingPeriod.Year(2024), ReportingPeriod.Quarter(2024, 2), ReportingPeriod.Month(2024, 5)];

    private static readonly FeedScope Penalties4403 = new() { Regions = ["4403"], Categories = ["penalty"] };

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ReportsAndDrillDowns_OfGeneratedCases_EqualTheEnginesDirectComputation(HubStack stack)
    {
        await using var store = await StoreUnderTest.CreateAsync(stack);
        var cases = await store.FillAsync(Cases);

        foreach (var asOf in AsOfDays)
        {
            foreach (var period in Periods)
            {
                await AssertSameReportAsync(store, cases, new IndicatorQuery(null, null, period, asOf), FeedScope.Everything);
                await AssertSameReportAsync(store, cases, new IndicatorQuery("4403", null, period, asOf), FeedScope.Everything);
            }
        }

        var year = ReportingPeriod.Year(2024);
        await AssertSameReportAsync(store, cases, new IndicatorQuery(null, GeneratedProvince.AgencyUscc(7), year, AsOfDays[1]), FeedScope.Everything);
        await AssertSameReportAsync(store, cases, new IndicatorQuery("440305", null, year, AsOfDays[1]), FeedScope.Everything);
        await AssertSameReportAsync(store, cases, new IndicatorQuery(null, null, year, AsOfDays[1]), Penalties4403);
        foreach (var indicator in IndicatorCatalog.All)
        {
            await AssertSameFailuresAsync(store, cases, indicator.Definition.Code, new IndicatorQuery(null, null, year, AsOfDays[1]), FeedScope.Everything);
            await AssertSameFailuresAsync(store, cases, indicator.Definition.Code, new IndicatorQuery("4403", null, ReportingPeriod.Quarter(2024, 2), AsOfDays[2]), Penalties4403);
        }

        // A trend's months are the monthly reports; a ranking orders the report's agencies by their gap.
        var trend = await store.Reports.TrendAsync(new IndicatorQuery("4403", null, year, AsOfDays[2]), FeedScope.Everything, IndicatorReport.OverallCode,
            new DateOnly(2023, 11, 1), new DateOnly(2024, 12, 1), CancellationToken.None);
        Assert.Equal(14, trend.Months.Count);
        foreach (var point in trend.Months)
        {
            Assert.True(ReportingPeriod.TryParse(point.Month, out var month));
            var monthly = Engine.Report(cases.Where(c => c.Action.Agency.RegionCode!.StartsWith("4403", StringComparison.Ordinal)), month,
                new IndicatorContext(Canonical.Calendar.WorkingDayCalendar.China, AsOfDays[2]));
            var row = monthly.Overall.SingleOrDefault(r => r.UnitCode == "440300");
            Assert.Equal((row?.Met ?? 0, row?.Counted ?? 0, row?.UnitsMeetingTargetRate), (point.Met, point.Counted, point.UnitsMeetingTargetRate));
        }

        // Cases filed in late 2023 and decided in 2024 count for 结案率 in the months they were filed.
        Assert.True(trend.Months[0].Counted > 0);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Projection_AfterUpdatesDeletionsAPrunedLogAndAnotherRulesVersion_StillEqualsTheEngine(HubStack stack)
    {
        await using var store = await StoreUnderTest.CreateAsync(stack);
        var cases = await store.FillAsync(600);
        var query = new IndicatorQuery(null, null, ReportingPeriod.Year(2024), AsOfDays[2]);
        await AssertSameReportAsync(store, cases, query, FeedScope.Everything);

        // A sync: some cases lose their publication or move agency, some are deleted.
        cases = await store.ChangeAsync(cases, 0, 120);
        await AssertSameReportAsync(store, cases, query, FeedScope.Everything);
        await AssertSameFailuresAsync(store, cases, IndicatorCodes.PublicationTimelinessPermitPenalty, query, FeedScope.Everything);

        // Retention removes changes the projection has not applied yet: it rebuilds from the golden records.
        cases = await store.ChangeAsync(cases, 200, 60);
        await store.Supervision.PruneChangesAsync(DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);
        Assert.True((await store.Assessments.GetProgressAsync(CancellationToken.None)).PrunedThrough
            > (await store.Assessments.GetProgressAsync(CancellationToken.None)).Cursor);
        await AssertSameReportAsync(store, cases, query, FeedScope.Everything);

        // Rows of another rules version are rebuilt before the next report.
        var other = await store.Assessments.ProjectAsync(new AssessmentStep("other rules", ["x"], 100, _ => []), CancellationToken.None);
        Assert.True(other.Rebuilding);
        Assert.Empty(await store.Assessments.ListUnitsAsync(CancellationToken.None));
        await AssertSameReportAsync(store, cases, query, FeedScope.Everything);
        Assert.Equal(AssessmentVersion.Current, (await store.Assessments.GetProgressAsync(CancellationToken.None)).Version);
    }

    /// <summary>
    /// A rebuild reads the golden records a range of ids at a time, deleted ones included (so the page is an index range
    /// whatever the planner knows); pages holding only deleted records must not end it.
    /// </summary>
    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task Rebuild_PastWholePagesOfDeletedRecords_AssessesEveryLiveCase(HubStack stack)
    {
        await using var store = await StoreUnderTest.CreateAsync(stack, batchSize: 10);
        var cases = await store.FillAsync(120);
        await using (var connection = await store.Dialect.OpenAsync(CancellationToken.None))
        {
            foreach (var deleted in cases.Skip(20).Take(45))
                await GoldenRecordRows.ChangeAsync(connection, deleted.Id, null);
        }

        cases = [.. cases.Take(20), .. cases.Skip(65)];
        await store.Assessments.ProjectAsync(new AssessmentStep("other rules", ["x"], 10, _ => []), CancellationToken.None);
        var query = new IndicatorQuery(null, null, ReportingPeriod.Year(2024), AsOfDays[2]);

        await AssertSameReportAsync(store, cases, query, FeedScope.Everything);
        Assert.Equal(cases.Count, (await store.Assessments.ListUnitsAsync(CancellationToken.None)).Sum(u => u.Cases));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task TwoProcessesProjectingAtOnce_WhileChangesArrive_LeaveTheFiguresOfTheCases(HubStack stack)
    {
        await using var store = await StoreUnderTest.CreateAsync(stack, batchSize: 50);
        var cases = await store.FillAsync(400);
        await using var second = StoreUnderTest.SecondProcess(store, batchSize: 37);

        using var stop = new CancellationTokenSource();
        async Task ProjectAsync(AssessmentProjector projector)
        {
            while (!stop.IsCancellationRequested)
            {
                if (!await projector.ProjectPendingAsync(CancellationToken.None))
                    await Task.Delay(5);
            }
        }

        var projectors = new[] { ProjectAsync(store.Projector), ProjectAsync(second.Projector) };
        for (var round = 0; round < 4; round++)
            cases = await store.ChangeAsync(cases, round * 50, 40);
        await stop.CancelAsync();
        await Task.WhenAll(projectors);

        var query = new IndicatorQuery(null, null, ReportingPeriod.Year(2024), AsOfDays[1]);
        await AssertSameReportAsync(store, cases, query, FeedScope.Everything);
        Assert.Equal(cases.Count, (await store.Assessments.ListUnitsAsync(CancellationToken.None)).Sum(u => u.Cases));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AStep_AssessesItsRecordsWhileAnotherWriterHoldsTheStore_AndWritesThemOnceItIsReleased(HubStack stack)
    {
        await using var store = await StoreUnderTest.CreateAsync(stack);
        var cases = await store.ProjectedWithPendingChangesAsync(60, 30);
        var assessing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var connection = await store.Dialect.OpenAsync(CancellationToken.None);
        Task<AssessmentProgress> step;
        await using (var holding = await store.Dialect.BeginWriteAsync(connection, CancellationToken.None))
        {
            // What a step's writing waits for: the turn to write (SQLite) and the state row's lock (PostgreSQL).
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE assessment_state SET updated_at = updated_at WHERE id = 1", transaction: holding.Transaction);
            step = Task.Run(() => store.Assessments.ProjectAsync(Step(1000, live =>
            {
                assessing.TrySetResult();
                return CaseAssessor.Assess(live);
            }), CancellationToken.None));
            await assessing.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(200);
            Assert.False(step.IsCompleted, "the step wrote while another writer held the store");
            await holding.Transaction.CommitAsync();
        }

        await step.WaitAsync(TimeSpan.FromSeconds(30));
        await store.Projector.CatchUpAsync(CancellationToken.None);
        await AssertSameReportAsync(store, cases, new IndicatorQuery(null, null, ReportingPeriod.Year(2024), AsOfDays[1]), FeedScope.Everything);
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task AStep_WhoseStateAnotherProcessMovedWhileItAssessed_IsPlannedAgain_AndCountsEveryCaseOnce(HubStack stack)
    {
        await using var store = await StoreUnderTest.CreateAsync(stack);
        var cases = await store.ProjectedWithPendingChangesAsync(90, 60);
        await using var second = StoreUnderTest.SecondProcess(store, batchSize: 10);

        var assessed = 0;
        var step = Step(1000, live =>
        {
            // The first plan is being made: another process's step moves the cursor before this one writes.
            if (Interlocked.Increment(ref assessed) == 1)
                second.Projector.ProjectPendingAsync(CancellationToken.None).GetAwaiter().GetResult();
            return CaseAssessor.Assess(live);
        });
        await store.Assessments.ProjectAsync(step, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, assessed);
        await store.Projector.CatchUpAsync(CancellationToken.None);
        await AssertSameReportAsync(store, cases, new IndicatorQuery(null, null, ReportingPeriod.Year(2024), AsOfDays[1]), FeedScope.Everything);
        Assert.Equal(cases.Count, (await store.Assessments.ListUnitsAsync(CancellationToken.None)).Sum(u => u.Cases));
    }

    [Theory]
    [MemberData(nameof(HubStacks.Both), MemberType = typeof(HubStacks))]
    public async Task ProjectPending_AsksForAnotherStepWhileABacklogRemains_AndNotOnceAStepCaughtUp(HubStack stack)
    {
        await using var store = await StoreUnderTest.CreateAsync(stack, batchSize: 25);
        var cases = await store.ProjectedWithPendingChangesAsync(40, 30);

        Assert.True(await store.Projector.ProjectPendingAsync(CancellationToken.None));
        Assert.False(await store.Projector.ProjectPendingAsync(CancellationToken.None));
        Assert.False(await store.Projector.ProjectPendingAsync(CancellationToken.None));
        await AssertSameReportAsync(store, cases, new IndicatorQuery(null, null, ReportingPeriod.Year(2024), AsOfDays[1]), FeedScope.Everything);
    }

    /// <summary>A projection step with the hub's rules and indicators, assessing through <paramref name="assess"/>.</summary>
    private static AssessmentStep Step(int limit, Func<IReadOnlyList<LiveRecord>, IReadOnlyList<CaseAssessmentRow>> assess) =>
        new(AssessmentVersion.Current, [.. CaseAssessor.Indicators.Select(i => i.Definition.Code)], limit, assess);

    private static async Task AssertSameReportAsync(StoreUnderTest store, List<IndicatorCase> cases, IndicatorQuery query, FeedScope scope)
    {
        var expected = Engine.Report(cases.Where(c => CaseScope.Selects(query.Region, query.Agency, scope, c)), query.Period, query.Context);
        var actual = await store.Reports.ReportAsync(query, scope, CancellationToken.None);
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Overall, actual.Overall);
    }

    private static async Task AssertSameFailuresAsync(StoreUnderTest store, List<IndicatorCase> cases, string code, IndicatorQuery query, FeedScope scope)
    {
        var expected = Engine.Failures(cases.Where(c => CaseScope.Selects(query.Region, query.Agency, scope, c)).OrderBy(c => c.Id, StringComparer.Ordinal),
            code, query.Period, query.Context).ToList();
        var actual = await store.Reports.FailuresAsync(code, query, scope, CancellationToken.None);
        Assert.Equal(expected, actual);
    }

    /// <summary>A store of its own with the reporting services wired as the hub wires them.</summary>
    private sealed class StoreUnderTest : IAsyncDisposable
    {
        private readonly HubStack _stack;
        private readonly string _location;
        private bool _shared;

        private StoreUnderTest(HubStack stack, string location, int batchSize)
        {
            (_stack, _location) = (stack, location);
            Dialect = stack == HubStack.Production
                ? new PostgresDialect(Npgsql.NpgsqlDataSource.Create(location))
                : new SqliteDialect($"Data Source={Path.Combine(location, "hub.db")}");
            Supervision = new SqlSupervisionStore(Dialect, TimeProvider.System);
            Assessments = new SqlCaseAssessmentStore(Dialect, TimeProvider.System);
            Projector = new AssessmentProjector(Assessments, Options.Create(new AssessmentOptions { ProjectionBatchSize = batchSize }));
            Reports = new IndicatorReports(Assessments, Projector, Options.Create(new IndicatorOptions()));
        }

        public StoreDialect Dialect { get; }
        public SqlSupervisionStore Supervision { get; }
        public SqlCaseAssessmentStore Assessments { get; }
        public AssessmentProjector Projector { get; }
        public IndicatorReports Reports { get; }

        public static async Task<StoreUnderTest> CreateAsync(HubStack stack, int batchSize = 500)
        {
            var location = stack == HubStack.Production
                ? await TestServices.CreateDatabaseAsync("hubassess")
                : Directory.CreateTempSubdirectory("hub-assessments-").FullName;
            var store = new StoreUnderTest(stack, location, batchSize);
            await store.Supervision.MigrateAsync(CancellationToken.None);
            return store;
        }

        /// <summary>The same store through another set of connections and services, as a second hub process has.</summary>
        public static StoreUnderTest SecondProcess(StoreUnderTest first, int batchSize) => new(first._stack, first._location, batchSize) { _shared = true };

        public async Task<List<IndicatorCase>> FillAsync(int count)
        {
            var cases = Enumerable.Range(0, count).Select(i => new IndicatorCase(GeneratedProvince.RecordId(i), GeneratedProvince.Case(i))).ToList();
            await using var connection = await Dialect.OpenAsync(CancellationToken.None);
            await GoldenRecordRows.InsertAsync(connection, cases.Select(c => (c.Id, c.Action)));
            return cases;
        }

        /// <summary>
        /// <paramref name="count"/> cases, projected; then the first <paramref name="changed"/> of them changed, changes
        /// the projector has yet to apply. Returns the live cases.
        /// </summary>
        public async Task<List<IndicatorCase>> ProjectedWithPendingChangesAsync(int count, int changed)
        {
            var cases = await FillAsync(count);
            await Projector.CatchUpAsync(CancellationToken.None);
            return await ChangeAsync(cases, 0, changed);
        }

        /// <summary>
        /// Changes <paramref name="count"/> cases from <paramref name="from"/> on: every third is deleted, the others lose
        /// their publication and (every other one) move to another agency. Returns the live cases after it.
        /// </summary>
        public async Task<List<IndicatorCase>> ChangeAsync(List<IndicatorCase> cases, int from, int count)
        {
            var live = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
            await using var connection = await Dialect.OpenAsync(CancellationToken.None);
            foreach (var item in cases.Skip(from).Take(count).ToList())
            {
                if (int.Parse(item.Id[3..], System.Globalization.CultureInfo.InvariantCulture) % 3 == 0)
                {
                    await GoldenRecordRows.ChangeAsync(connection, item.Id, null);
                    live.Remove(item.Id);
                    continue;
                }

                var changed = item.Action with { Publication = null };
                if (int.Parse(item.Id[3..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0)
                    changed = changed with { Agency = new EnforcingAgency { Name = "另一机关", Uscc = GeneratedProvince.AgencyUscc(3), RegionCode = "440106" } };
                await GoldenRecordRows.ChangeAsync(connection, item.Id, changed);
                live[item.Id] = new IndicatorCase(item.Id, changed);
            }

            return [.. live.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];
        }

        public async ValueTask DisposeAsync()
        {
            if (Dialect is PostgresDialect)
                Npgsql.NpgsqlConnection.ClearAllPools();
            if (_shared)
                return;
            if (_stack == HubStack.Production)
                await TestServices.DropDatabaseAsync(_location);
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(_location, recursive: true);
            }
        }
    }
}
