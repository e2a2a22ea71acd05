namespace IntegrationHub.Store.Batches;

/// <summary>Opens a batch session on the configured store.</summary>
internal interface IBatchSessions
{
    Task<BatchSession> OpenAsync(CancellationToken ct);
}
