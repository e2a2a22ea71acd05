namespace IntegrationHub.Host.Dashboard.Health;

/// <summary>A connector's health (<see cref="ConnectorHealthStates"/>) and why, in words an operator understands.</summary>
public sealed record ConnectorHealth(string State, string ReasonZh, string ReasonEn);
