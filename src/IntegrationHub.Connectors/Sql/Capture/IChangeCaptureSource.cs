namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>
/// A database whose log a sql connector reads in <c>cdc</c> mode. PostgreSQL's (logical replication, pgoutput) is the one
/// there is; a MySQL/MariaDB binlog reader would be a second beside it, producing the same <see cref="LogEvent"/>s for
/// <see cref="ChangePager"/> and the same <see cref="CaptureCheckpoint"/> (with its own position format).
/// </summary>
internal interface IChangeCaptureSource
{
    /// <summary>A run: the initial snapshot when there is no checkpoint, then the changes in commit order, as pages.</summary>
    IAsyncEnumerable<SourcePage> ReadAsync(CaptureRead read, string? checkpoint, CancellationToken ct);

    /// <summary>What the database lacks for change capture, each saying what to change; empty when it is ready.</summary>
    Task<IReadOnlyList<string>> CheckAsync(CaptureRead read, CancellationToken ct);

    Task<ReplicationSlotState> GetSlotAsync(CaptureRead read, CancellationToken ct);

    Task<bool> DropSlotAsync(CaptureRead read, CancellationToken ct);
}
