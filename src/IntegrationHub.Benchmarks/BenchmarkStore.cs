using IntegrationHub.Indicators;
using IntegrationHub.Reporting;
using IntegrationHub.Reporting.Assessments;
using IntegrationHub.Store.Sql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>The store and the reporting library wired by hand, as the hub wires them, for the indicator benchmark.</summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;

    private BenchmarkStore(StoreDialect dialect, NpgsqlDataSource? dataSource)
    {
        _dataSource = dataSource;
        Supervision = new SqlSupervisionStore(dialect, TimeProvider.System);
        var assessments = new SqlCaseAssessmentStore(dialect, TimeProvider.System);
        Projector = new AssessmentProjector(assessments, Options.Create(new AssessmentOptions { CatchUpTimeout = TimeSpan.FromHours(2) }));
        Reports = new IndicatorReports(assessments, Projector, Options.Create(new IndicatorOptions()));
    }

    public SqlSupervisionStore Supervision { get; }

    public AssessmentProjector Projector { get; }

    public IndicatorReports Reports { get; }

    public static BenchmarkStore Open(string stack, string connectionString)
    {
        if (stack != "production")
            return new BenchmarkStore(new SqliteDialect(connectionString), null);
        // As the hub does: the projection repeats the same statements, let Npgsql prepare them.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        return new BenchmarkStore(new PostgresDialect(dataSource), dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
    }
}
