namespace IntegrationHub.Host.Dashboard.Health;

/// <summary>The connector health states of issue 6 (healthy, degraded, failing, stale, drifted).</summary>
public static class ConnectorHealthStates
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Failing = "failing";
    public const string Stale = "stale";
    public const string Drifted = "drifted";
}
