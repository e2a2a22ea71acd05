using System.Diagnostics;
using Dapper;
using IntegrationHub.Store.Sql;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// How far the assessment projector is behind the change log. The projection is derived and catches up by itself; on the
/// embedded store it writes in the gaps the sync leaves (a background writer), so a phase's figures are printed with the
/// projection's lag at its end and how long it took to catch up.
/// </summary>
internal static class ProjectionLag
{
    private const string Behind = "SELECT (SELECT COALESCE(MAX(seq), 0) FROM change_log) - cursor_seq FROM assessment_state WHERE id = 1";

    /// <summary>Change-log entries the projection has not applied yet.</summary>
    public static async Task<long> BehindAsync(StoreDialect dialect)
    {
        await using var connection = await dialect.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(Behind);
    }

    /// <summary>Waits until the projection has applied the whole change log (the hub's projector does it), looking every 0.1 s.</summary>
    public static async Task CatchUpAsync(StoreDialect dialect, TimeSpan patience)
    {
        var watch = Stopwatch.StartNew();
        while (await BehindAsync(dialect) > 0)
        {
            if (watch.Elapsed > patience)
                throw new TimeoutException($"The assessment projection was still behind after {patience}.");
            await Task.Delay(100);
        }
    }
}
