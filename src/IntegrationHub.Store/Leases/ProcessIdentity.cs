namespace IntegrationHub.Store.Leases;

/// <summary>Who this process is in lease records: host, process id and a random part (a restarted process is someone new).</summary>
public sealed class ProcessIdentity
{
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}
