using IntegrationHub.Store.Sql;

namespace IntegrationHub.Store.Batches;

public static class BatchCommitters
{
    /// <summary>The batch writer of the store the dialect opens.</summary>
    public static IBatchCommitter For(StoreDialect dialect, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return new BatchCommitter(dialect.CreateBatchSessions(), clock);
    }
}
