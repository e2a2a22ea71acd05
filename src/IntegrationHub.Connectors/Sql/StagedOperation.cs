namespace IntegrationHub.Connectors.Sql;

/// <summary>The meaning of a staging row's operation value.</summary>
public enum StagedOperation
{
    Unknown,
    Upsert,
    Delete,
}
