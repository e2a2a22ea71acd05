namespace IntegrationHub.Store.Sql;

/// <summary>The embedded store's write-ahead log as this process's checkpoints see it (for the hub's metrics).</summary>
/// <param name="File">The database file.</param>
/// <param name="LogBytes">The size of its write-ahead log's file now (a restart cuts it back to 64 MiB); 0 when there is none.</param>
/// <param name="Checkpoints">Checkpoints this process completed.</param>
/// <param name="FailedCheckpoints">Checkpoints that failed (the next one copies what they left).</param>
/// <param name="RestartsStartedOver">Restarts of a long log under the writers' turn after which the log started over.</param>
/// <param name="RestartsOutstayed">Restarts under the turn that readers outstayed: the log was copied but kept.</param>
public sealed record SqliteLogStatus(string File, long LogBytes, long Checkpoints, long FailedCheckpoints, long RestartsStartedOver, long RestartsOutstayed);
