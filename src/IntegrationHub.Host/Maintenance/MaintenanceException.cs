namespace IntegrationHub.Host.Maintenance;

/// <summary>A backup or restore that cannot go on, with what to do in words an operator can act on.</summary>
internal sealed class MaintenanceException(string message) : Exception(message);
