using System.Text.Json.Nodes;
using System.Security.Claims;
using IntegrationHub.Api.Contracts;
using IntegrationHub.Canonical.Model;
using IntegrationHub.Feeds;
using IntegrationHub.Host.Apis.Subscriptions;
using IntegrationHub.Host.Apis.Responses;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>The golden records: one per real-world case, at its current version, with its history.</summary>
public static class RecordsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private const int MaxIdLength = 200;

    // The ten categories as they appear in canonical JSON (camelCase), for the category filter.
    private static readonly IReadOnlyList<string> Categories = ActionCategoryNames.All;

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("records")
            .WithTags("Records")
            .RequireAuthorization(HubPolicies.RecordsReader);

        api.MapGet("/", ListRecords)
            .WithName("ListRecords")
            .WithSummary("List golden records")
            .WithDescription("Golden records ordered by id, filtered by region code prefix, enforcing agency (USCC) and category (AND-ed). Page with after = the previous page's next.");

        api.MapGet("/{id}", GetRecord)
            .WithName("GetRecord")
            .WithSummary("Get one golden record")
            .WithDescription("The record at its current version, with the list of its versions (which connector changed it, when, how).");

        api.MapGet("/{id}/history", GetHistory)
            .WithName("GetRecordHistory")
            .WithSummary("Every version of a golden record")
            .WithDescription("All versions of the record, oldest first, each with its full canonical content.");

        api.MapGet("/{id}/lineage", GetLineage)
            .WithName("GetRecordLineage")
            .WithSummary("Where each field of a golden record came from")
            .WithDescription("For each field group (case, counterparts, officers, dates, decision, penalties, license, legalReview, hearing, recordings, publication) and the canonical paths in it: the connector, source key, source version and mapping version that gave its value, and when it was read. Sources lists every source linked to the record.");

        api.MapGet("/{id}/conflicts", GetConflicts)
            .WithName("GetRecordConflicts")
            .WithSummary("Disagreements between the sources of a golden record")
            .WithDescription("The conflict log: each field group on which the record's live sources hold different values, with every source's value, its priority and the value chosen (declared priority, then the most recent read). Open while they disagree, resolved when they no longer do.");

        return app;
    }

    public static async Task<Results<Ok<RecordPage>, ValidationProblem, ProblemHttpResult>> ListRecords(
        string? region,
        string? agency,
        string? category,
        string? after,
        string? limit,
        ClaimsPrincipal user,
        CallerAccess callers,
        IRecordStore store,
        IChangeLog changes,
        CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, DefaultLimit, MaxLimit, out var take) is { } invalid)
            return invalid;
        if (await callers.ForAsync(user, ct).ConfigureAwait(false) is not { } access)
            return SubscriptionProblems.KeyWithoutSubscription();
        if (ApiProblems.ParseRegion(region, out var regionPrefix) is { } badRegion)
            return badRegion;
        if (ApiProblems.ParseAgency(agency, out var uscc) is { } badAgency)
            return badAgency;

        string? categoryName = null;
        if (!string.IsNullOrEmpty(category))
        {
            categoryName = Categories.FirstOrDefault(c => c.Equals(category, StringComparison.OrdinalIgnoreCase));
            if (categoryName is null)
                return ApiProblems.Invalid("category", category, "category.known", $"must be one of {string.Join(", ", Categories)}.");
        }

        if (after is { Length: > MaxIdLength })
            return ApiProblems.Invalid("after", after, "after.length", $"must be a record id (at most {MaxIdLength} characters): the next of the previous page.");

        // Read before the records: a subscriber resyncing after 410 continues the feed from here and misses nothing.
        var feedCursor = FeedCursor.Encode(await changes.LastChangeSequenceAsync(ct).ConfigureAwait(false));
        if (access.Scope is null)
            return TypedResults.Ok(new RecordPage([], null, feedCursor));

        // One more than asked tells whether there is a next page.
        var records = await store.ListRecordsAsync(
            new RecordQuery
            {
                RegionPrefix = regionPrefix,
                AgencyUscc = uscc,
                Category = categoryName,
                After = string.IsNullOrEmpty(after) ? null : after,
                Limit = take + 1,
                Scope = access.Scope,
            },
            ct).ConfigureAwait(false);

        var page = records.Take(take).Select(r => ToView(r, access)).ToList();
        var next = records.Count > take ? page[^1].Id : null;
        return TypedResults.Ok(new RecordPage(page, next, feedCursor));
    }

    public static async Task<Results<Ok<RecordDetail>, ProblemHttpResult>> GetRecord(
        string id,
        ClaimsPrincipal user,
        CallerAccess callers,
        IRecordStore store,
        CancellationToken ct)
    {
        if (await AccessToRecordAsync(id, user, callers, store, ct).ConfigureAwait(false) is not { } access)
            return ApiProblems.NotFound("record", "id", id);

        if (await store.GetRecordAsync(id, ct).ConfigureAwait(false) is not { } record)
            return ApiProblems.NotFound("record", "id", id);

        var history = await store.GetHistoryAsync(id, ct).ConfigureAwait(false);
        return TypedResults.Ok(new RecordDetail
        {
            Id = record.Id,
            Version = record.Version,
            ContentHash = record.ContentHash,
            CreatedAt = record.CreatedAt,
            UpdatedAt = record.UpdatedAt,
            DeletedAt = record.DeletedAt,
            Record = Visible(record.Content, access),
            History = [.. history.Select(v => new VersionSummary(v.Version, v.ChangeKind, v.ConnectorId, v.ChangedAt, v.ContentHash))],
        });
    }

    public static async Task<Results<Ok<RecordHistory>, ProblemHttpResult>> GetHistory(
        string id,
        ClaimsPrincipal user,
        CallerAccess callers,
        IRecordStore store,
        CancellationToken ct)
    {
        if (await AccessToRecordAsync(id, user, callers, store, ct).ConfigureAwait(false) is not { } access)
            return ApiProblems.NotFound("record", "id", id);

        var history = await store.GetHistoryAsync(id, ct).ConfigureAwait(false);

        var versions = history
            .OrderBy(v => v.Version)
            .Select(v => new VersionView(v.Version, v.ChangeKind, v.ConnectorId, v.ChangedAt, v.ContentHash, Visible(v.Content, access)))
            .ToList();
        return TypedResults.Ok(new RecordHistory(id, versions));
    }

    public static async Task<Results<Ok<RecordLineage>, ProblemHttpResult>> GetLineage(
        string id,
        ClaimsPrincipal user,
        CallerAccess callers,
        IRecordStore store,
        CancellationToken ct)
    {
        if (await AccessToRecordAsync(id, user, callers, store, ct).ConfigureAwait(false) is not { } access)
            return ApiProblems.NotFound("record", "id", id);

        if (await store.GetRecordAsync(id, ct).ConfigureAwait(false) is not { } record
            || await store.GetFieldLineageAsync(id, ct).ConfigureAwait(false) is not { } fields)
            return ApiProblems.NotFound("record", "id", id);

        var sources = StoredJson.Object(record.Content)["sources"]?.DeepClone() as JsonArray ?? [];
        return TypedResults.Ok(new RecordLineage(record.Id, record.Version, fields, sources));
    }

    public static async Task<Results<Ok<RecordConflicts>, ProblemHttpResult>> GetConflicts(
        string id,
        ClaimsPrincipal user,
        CallerAccess callers,
        IRecordStore store,
        CancellationToken ct)
    {
        if (await AccessToRecordAsync(id, user, callers, store, ct).ConfigureAwait(false) is not { } access)
            return ApiProblems.NotFound("record", "id", id);

        var conflicts = await store.GetConflictsAsync(id, ct).ConfigureAwait(false);

        return TypedResults.Ok(new RecordConflicts(id, [.. conflicts.Select(c => new ConflictView
        {
            Group = c.Group,
            Paths = c.Paths,
            Status = c.Status,
            ChosenConnector = c.ChosenConnector,
            ChosenSourceKey = c.ChosenSourceKey,
            Values = [.. c.Values.Select(v => new ConflictValueView(v.Connector, v.SourceKey, v.Priority,
                v.Connector == c.ChosenConnector && v.SourceKey == c.ChosenSourceKey, Visible(v.Value, access)))],
            DetectedAt = c.DetectedAt,
            UpdatedAt = c.UpdatedAt,
            ResolvedAt = c.ResolvedAt,
        })]));
    }

    /// <summary>
    /// The caller's access when the record exists and lies in its scope; null otherwise, answered as 404 either way so
    /// that a subscriber cannot learn which records exist outside its scope. The one existence check of the per-record
    /// endpoints.
    /// </summary>
    private static async Task<FeedAccess?> AccessToRecordAsync(string id, ClaimsPrincipal user, CallerAccess callers, IRecordStore store, CancellationToken ct)
    {
        if (await callers.ForAsync(user, ct).ConfigureAwait(false) is not { Scope: { } scope } access)
            return null;
        return await store.GetRecordScopeAsync(id, ct).ConfigureAwait(false) is { } attributes
            && scope.Allows(attributes.RegionCode, attributes.AgencyUscc, attributes.Category)
            ? access
            : null;
    }

    /// <summary>Stored canonical JSON with personal identifiers as the caller may see them.</summary>
    private static JsonObject Visible(string content, FeedAccess access)
    {
        var record = StoredJson.Object(content);
        access.View.Apply(record);
        return record;
    }

    private static RecordView ToView(GoldenRecord record, FeedAccess access) => new()
    {
        Id = record.Id,
        Version = record.Version,
        ContentHash = record.ContentHash,
        CreatedAt = record.CreatedAt,
        UpdatedAt = record.UpdatedAt,
        DeletedAt = record.DeletedAt,
        Record = Visible(record.Content, access),
    };
}
