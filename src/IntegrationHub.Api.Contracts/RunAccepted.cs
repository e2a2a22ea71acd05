namespace IntegrationHub.Api.Contracts;

/// <summary>A run was requested; it shows up under <see cref="Runs"/> once a worker starts it.</summary>
public sealed record RunAccepted(string ConnectorId, string Trigger, string Runs);
