using IntegrationHub.Store.Model;

namespace IntegrationHub.Store;

/// <summary>The records that failed validation or mapping, with the issues that name field, value and rule; written by the batch commit, read and replayed by operators.</summary>
public interface IQuarantineStore
{
    Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(QuarantineQuery query, CancellationToken ct);

    Task<long> CountQuarantineAsync(QuarantineQuery query, CancellationToken ct);

    /// <summary>One quarantine entry, open or resolved; null when there is none with this id.</summary>
    Task<QuarantineEntry?> GetQuarantineAsync(long id, CancellationToken ct);
}
