namespace IntegrationHub.Connectors.Sql;

/// <summary>How a sql connector finds what changed in its source.</summary>
public enum SqlReadMode
{
    /// <summary>Keyset pages ordered by a watermark column, on a schedule (every database).</summary>
    Poll,

    /// <summary>Change data capture: a snapshot, then every insert, update and delete from the database's log (PostgreSQL).</summary>
    Cdc,
}
