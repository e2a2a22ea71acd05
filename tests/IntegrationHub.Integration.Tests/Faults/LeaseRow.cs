namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>One row of the store's lease table.</summary>
public sealed record LeaseRow(string Name, int ProcessId, long Token, DateTimeOffset ExpiresAt)
{
    public bool IsConnector => Name.StartsWith("connector:", StringComparison.Ordinal);
}
