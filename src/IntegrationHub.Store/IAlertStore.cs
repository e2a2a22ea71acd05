using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>Operator alerts raised by the health monitor, and the state each subject was last alerted in.</summary>
public interface IAlertStore
{
    /// <summary>Stores the alert and returns it with its id.</summary>
    Task<OperatorAlert> AddOperatorAlertAsync(OperatorAlert alert, CancellationToken ct);

    /// <summary>Alerts newest first; only those with an id below <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<OperatorAlert>> ListOperatorAlertsAsync(int limit, long? before, CancellationToken ct);

    /// <summary>For each subject of the kind, the state its latest alert announced.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAlertedStatesAsync(string subjectKind, CancellationToken ct);
}
