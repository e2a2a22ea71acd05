using IntegrationHub.Api.Contracts;

namespace IntegrationHub.Cli.Commands.Connectors;

/// <summary>How connectors read in tables and messages.</summary>
internal static class ConnectorText
{
    public static string Schedule(ScheduleView? schedule) => schedule switch
    {
        { Every: { } every } => $"every {every:c}",
        { Cron: { Length: > 0 } cron } => $"cron {cron}",
        { Continuous: true } => "continuous",
        _ => "manual",
    };

    public static string State(ConnectorView connector) => connector.Enabled ? "enabled" : "disabled";
}
