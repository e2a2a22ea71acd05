namespace IntegrationHub.Connectors.Sql.Capture;

/// <summary>What a run does when the replication slot its checkpoint belongs to is gone (dropped, or invalidated by the server).</summary>
public enum SlotLossPolicy
{
    /// <summary>The run fails with the reason: the operator decides (the default).</summary>
    Fail,

    /// <summary>
    /// A new slot and a new snapshot: every row is read again (unchanged ones make no new version), but a row deleted at
    /// the source while no slot existed is not seen and stays in the hub.
    /// </summary>
    Resnapshot,
}
