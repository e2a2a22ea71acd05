namespace IntegrationHub.Store.Sql;

/// <summary>The embedded store's write-ahead log as this process's checkpoints see it (for the hub's metrics).</summary>
/// <param name="File">The database file.</param>
/// <param name="LogBytes">The size of its write-ahead log now; 0 when there is none.</param>
/// <param name="Checkpoints">Checkpoints this process completed.</param>
/// <param name="FailedCheckpoints">Checkpoints that failed (the next one copies what they left).</param>
/// <param name="Restarts">Restarts of a long log under the writers' turn.</param>
/// <param name="RestartsOutstayed">Of those, the ones readers outstayed: the log was copied but kept.</param>
public sealed record SqliteLogStatus(string File, long LogBytes, long Checkpoints, long FailedCheckpoints, long Restarts, long RestartsOutstayed);
