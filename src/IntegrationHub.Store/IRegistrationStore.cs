using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>Connectors registered through the API (their definitions), and the enable/disable switch of any connector.</summary>
public interface IRegistrationStore
{
    Task<IReadOnlyList<ConnectorRegistration>> ListConnectorRegistrationsAsync(CancellationToken ct);

    /// <summary>False when a registration with the id exists already.</summary>
    Task<bool> AddConnectorRegistrationAsync(string id, string definition, CancellationToken ct);

    Task<bool> UpdateConnectorRegistrationAsync(string id, string definition, CancellationToken ct);

    /// <summary>Removes the registration and its switch; the connector's records, runs and checkpoint stay.</summary>
    Task<bool> RemoveConnectorRegistrationAsync(string id, CancellationToken ct);

    /// <summary>Connector id → enabled, for connectors switched on or off through the API (overrides their definition).</summary>
    Task<IReadOnlyDictionary<string, bool>> GetConnectorSwitchesAsync(CancellationToken ct);

    Task SetConnectorSwitchAsync(string id, bool enabled, CancellationToken ct);
}
