namespace IntegrationHub.Store.Batches;

/// <summary>Opens a batch session on the configured store; disposing it closes the connections it keeps.</summary>
internal interface IBatchSessions : IDisposable, IAsyncDisposable
{
    Task<BatchSession> OpenAsync(CancellationToken ct);
}
