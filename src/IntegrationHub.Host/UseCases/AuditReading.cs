using System.Globalization;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Audit;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.UseCases;

/// <summary>
/// Reading the audit log, newest first, a page at a time: by action and target, the next page by <c>before</c>. Open to
/// operators and administrators (the API's policy and the dashboard's page both require one of them).
/// </summary>
public sealed class AuditReading(IAuditStore store)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public async Task<Outcome<AuditPage>> ReadAsync(string? action, string? target, string? before, string? limit, CancellationToken ct)
    {
        if (UseCaseProblem.ParseLimit(limit, DefaultLimit, MaxLimit, out var take) is { } badLimit)
            return badLimit;
        if (!string.IsNullOrEmpty(action) && !AuditActions.All.Contains(action, StringComparer.Ordinal))
            return UseCaseProblem.Invalid("action", action, "action.known", $"must be one of {string.Join(", ", AuditActions.All)}.");
        long? beforeId = null;
        if (!string.IsNullOrEmpty(before))
        {
            if (!long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return UseCaseProblem.Invalid("before", before, "before.format", "must be the next of the previous page (a non-negative integer).");
            beforeId = parsed;
        }

        var query = new AuditQuery
        {
            Action = string.IsNullOrEmpty(action) ? null : action,
            Target = string.IsNullOrEmpty(target) ? null : target,
            Before = beforeId,
            Limit = take,
        };
        var entries = await store.ListAuditAsync(query with { Limit = take + 1 }, ct).ConfigureAwait(false);
        var page = entries.Take(take).ToList();
        return new AuditPage(page, entries.Count > take ? page[^1].Id : null);
    }
}
