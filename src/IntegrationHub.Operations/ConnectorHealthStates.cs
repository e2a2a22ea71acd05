namespace IntegrationHub.Operations;

/// <summary>The health states of a connector, as the API, the alerts and the metrics spell them (docs/operations.md).</summary>
public static class ConnectorHealthStates
{
    public const string Healthy = "healthy";
    public const string Degraded = "degraded";
    public const string Failing = "failing";
    public const string Stale = "stale";
    public const string Drifted = "drifted";

    /// <summary>States whose arrival alerts the operators; leaving them for <see cref="Healthy"/> alerts too.</summary>
    public static bool NeedsAttention(string state) => state is Failing or Stale or Drifted;

    /// <summary>The value of the <c>hub.connector.health</c> gauge: 0 healthy, 1 degraded, 2 drifted, 3 stale, 4 failing.</summary>
    public static int Severity(string state) => state switch
    {
        Degraded => 1,
        Drifted => 2,
        Stale => 3,
        Failing => 4,
        _ => 0,
    };
}
