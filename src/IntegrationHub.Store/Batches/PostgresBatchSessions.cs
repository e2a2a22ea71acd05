using Npgsql;

namespace IntegrationHub.Store.Batches;

internal sealed class PostgresBatchSessions(NpgsqlDataSource dataSource) : IBatchSessions
{
    public async Task<BatchSession> OpenAsync(CancellationToken ct) => await PostgresBatchSession.OpenAsync(dataSource, ct).ConfigureAwait(false);
}
