namespace IntegrationHub.Host.Audit;

/// <summary>The administrative actions the audit log records.</summary>
public static class AuditActions
{
    public const string ConnectorRegister = "connector.register";
    public const string ConnectorChange = "connector.change";
    public const string ConnectorRemove = "connector.remove";
    public const string ConnectorEnable = "connector.enable";
    public const string ConnectorDisable = "connector.disable";
    public const string ConnectorRun = "connector.run";
    public const string ConnectorBackfill = "connector.backfill";
    public const string QuarantineReplay = "quarantine.replay";

    public static IReadOnlyList<string> All { get; } =
        [ConnectorRegister, ConnectorChange, ConnectorRemove, ConnectorEnable, ConnectorDisable, ConnectorRun, ConnectorBackfill, QuarantineReplay];
}
