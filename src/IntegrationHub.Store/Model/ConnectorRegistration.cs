namespace IntegrationHub.Store.Model;

/// <summary>A connector registered through the API: its definition JSON (secrets encrypted), as stored.</summary>
public sealed record ConnectorRegistration(string Id, string Definition, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
