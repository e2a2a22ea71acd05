namespace IntegrationHub.Store.Leases;

/// <summary>The jobs that run once in a cluster, each under a lease of this name, and the lease of each connector's runs.</summary>
public static class LeaseNames
{
    public const string Scheduler = "scheduler";
    public const string Delivery = "delivery";
    public const string Health = "health";
    public const string Retention = "retention";
    public const string Assessments = "assessments";

    public static string Connector(string connectorId) => "connector:" + connectorId;
}
