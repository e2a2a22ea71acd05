namespace IntegrationHub.Store.Batches;

/// <summary>
/// A batch said a record was unchanged (same input hash as stored), and the store no longer holds that input: something
/// wrote the record after its page was read. The batch is not stored; its run fails with this reason and the next run
/// reads the record again from the checkpoint, which never passed this batch.
/// </summary>
public sealed class UnchangedClaimException : Exception
{
    public UnchangedClaimException()
    {
    }

    public UnchangedClaimException(string message)
        : base(message)
    {
    }

    public UnchangedClaimException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnchangedClaimException(string connectorId, string sourceKey, string claimed, string? stored)
        : base($"Record '{sourceKey}' of connector '{connectorId}' was sent as unchanged (input hash {Short(claimed)}), but the store now holds " +
               (stored is null ? "no live record of that key" : $"input {Short(stored)}") +
               "; it changed after its page was read. Nothing of the batch was stored; the next run reads it again.")
    {
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
