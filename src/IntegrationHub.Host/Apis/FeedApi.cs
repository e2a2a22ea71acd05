using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json.Nodes;
using IntegrationHub.Feeds;
using IntegrationHub.Host.Security;
using IntegrationHub.Store;
using IntegrationHub.Store.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Host.Apis;

/// <summary>
/// The pull feed: every change of every golden record within the caller's scope, in order, as CloudEvents, resumable by
/// cursor; long-polling with <c>wait</c>, and the same events as Server-Sent Events at <c>/feed/stream</c>.
/// </summary>
public static class FeedApi
{
    /// <summary>How long a stream waits for events before it sends a bookmark (which also keeps proxies from closing it).</summary>
    public static readonly TimeSpan StreamHeartbeat = TimeSpan.FromSeconds(15);

    /// <summary>The SSE event type of a change (its data is the CloudEvent).</summary>
    public const string ChangeEventType = "change";

    /// <summary>The SSE event type that only moves the cursor: nothing in scope happened up to its id.</summary>
    public const string BookmarkEventType = "bookmark";

    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("feed")
            .WithTags("Feed")
            .RequireAuthorization(HubPolicies.FeedReader);

        api.MapGet("/", ReadFeed)
            .WithName("ReadFeed")
            .WithSummary("Read the change feed")
            .WithDescription("Change events after the cursor, oldest first, each a CloudEvents 1.0 JSON event, limited to the key's subscription scope (narrowed further by region, agency, category and type). next_cursor is always present, even when no event in scope was found: store it after processing the page and pass it as after next time. wait (seconds, at most 30) holds the request until an event arrives. Delivery is at least once; deduplicate on the event id. A cursor older than the retention gets 410 Gone: resync from /records and continue from the feed_cursor it gives.");

        api.MapGet("/stream", StreamFeed)
            .WithName("StreamFeed")
            .WithSummary("Stream the change feed (Server-Sent Events)")
            .WithDescription("The feed as text/event-stream: event 'change' with id = the cursor after the event and data = the CloudEvent; event 'bookmark' (data {next_cursor}) when time passes with nothing in scope. Reconnect with Last-Event-ID (or after) to resume without loss. Same scope, masking and 410 rules as the feed.");

        return app;
    }

    public static async Task<Results<Ok<FeedPage>, ValidationProblem, ProblemHttpResult>> ReadFeed(
        string? after,
        string? limit,
        string? wait,
        string? region,
        string? agency,
        string? category,
        string? type,
        ClaimsPrincipal user,
        CallerAccess callers,
        FeedReader reader,
        IDeliveryCursors cursors,
        CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, FeedReader.DefaultLimit, FeedReader.MaxLimit, out var take) is { } invalid)
            return invalid;
        if (ParseWait(wait, out var waitFor) is { } badWait)
            return badWait;
        var access = await ResolveAsync(user, callers, region, agency, category, type, ct).ConfigureAwait(false);
        if (access.Problem is { } problem)
            return problem;

        try
        {
            var page = await reader.ReadAsync(after, take, access.Access!, waitFor, ct).ConfigureAwait(false);
            // The cursor a subscriber sends is what it has processed: its position, for the operators' lag figures.
            if (access.Access!.SubscriptionId is { } subscriptionId)
                await cursors.RecordReadPositionAsync(subscriptionId, DeliveryChannels.Pull, FeedCursor.TryDecode(after, out var position) ? position : 0, ct).ConfigureAwait(false);
            return TypedResults.Ok(page);
        }
        catch (MalformedFeedCursorException ex)
        {
            return MalformedCursor(ex);
        }
        catch (FeedCursorExpiredException ex)
        {
            return CursorExpired(ex);
        }
    }

    public static async Task<Results<ServerSentEventsResult<JsonObject>, ValidationProblem, ProblemHttpResult>> StreamFeed(
        string? after,
        string? region,
        string? agency,
        string? category,
        string? type,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        ClaimsPrincipal user,
        CallerAccess callers,
        FeedReader reader,
        HttpContext http,
        CancellationToken ct)
    {
        var access = await ResolveAsync(user, callers, region, agency, category, type, ct).ConfigureAwait(false);
        if (access.Problem is { } problem)
            return problem;

        // The browser's EventSource resends the last id it saw; that wins over the after of the first connection.
        var cursor = string.IsNullOrEmpty(lastEventId) ? after : lastEventId;
        try
        {
            await reader.StartAsync(cursor, ct).ConfigureAwait(false);
        }
        catch (MalformedFeedCursorException ex)
        {
            return MalformedCursor(ex);
        }
        catch (FeedCursorExpiredException ex)
        {
            return CursorExpired(ex);
        }

        // Proxies such as nginx must pass each event on at once.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(Stream(reader, cursor, access.Access!, ct));
    }

    private static async IAsyncEnumerable<SseItem<JsonObject>> Stream(
        FeedReader reader,
        string? cursor,
        FeedAccess access,
        [EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            FeedPage page;
            try
            {
                page = await reader.ReadAsync(cursor, FeedReader.DefaultLimit, access, StreamHeartbeat, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                yield break;
            }
            catch (FeedCursorExpiredException)
            {
                // Retention overtook a stream that fell far behind: end it; the reconnect gets the 410 and its resync advice.
                yield break;
            }

            foreach (var change in page.Data)
            {
                var sequence = long.Parse(change[ChangeEventEnvelope.SequenceExtension]!.GetValue<string>(), CultureInfo.InvariantCulture);
                yield return new SseItem<JsonObject>(change, ChangeEventType) { EventId = FeedCursor.Encode(sequence) };
            }

            if (page.Data.Count == 0)
                yield return new SseItem<JsonObject>(new JsonObject { ["next_cursor"] = page.NextCursor }, BookmarkEventType) { EventId = page.NextCursor };

            cursor = page.NextCursor;
        }
    }

    private static async Task<(FeedAccess? Access, ProblemHttpResult? Problem)> ResolveAsync(
        ClaimsPrincipal user,
        CallerAccess callers,
        string? region,
        string? agency,
        string? category,
        string? type,
        CancellationToken ct)
    {
        if (await callers.ForAsync(user, ct).ConfigureAwait(false) is not { } access)
            return (null, Subscriptions.SubscriptionProblems.KeyWithoutSubscription());

        var filter = new FeedScope
        {
            Regions = Split(region),
            Agencies = Split(agency),
            Categories = Split(category),
            EventTypes = Split(type),
        };
        return (filter.IsEverything ? access : access.Narrow(filter), null);
    }

    private static string[] Split(string? values) =>
        string.IsNullOrEmpty(values) ? [] : values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static ValidationProblem? ParseWait(string? raw, out TimeSpan wait)
    {
        wait = TimeSpan.Zero;
        if (string.IsNullOrEmpty(raw))
            return null;
        var max = (int)FeedReader.MaxWait.TotalSeconds;
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= max)
        {
            wait = TimeSpan.FromSeconds(seconds);
            return null;
        }

        return ApiProblems.Invalid("wait", raw, "wait.range", $"must be a whole number of seconds from 0 to {max}.");
    }

    private static ValidationProblem MalformedCursor(MalformedFeedCursorException ex) =>
        ApiProblems.Invalid(ex.ParameterName, ex.Cursor, "cursor.format",
            "is not a cursor issued by this feed: pass the next_cursor of a previous page, or omit it to read from the beginning.");

    private static ProblemHttpResult CursorExpired(FeedCursorExpiredException ex) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status410Gone,
            type: "https://integrationhub.example/problems/cursor-expired",
            title: "The feed cursor has expired.",
            detail: "Events after this cursor are older than the feed's retention and have been removed. Resync: read the current records from GET /api/v1/records (page through with after), then continue the feed from the feed_cursor that the first records page returned.",
            extensions: new Dictionary<string, object?>
            {
                ["parameter"] = "after",
                ["value"] = ex.Cursor,
                ["rule"] = "cursor.retention",
                ["oldest_available"] = ex.OldestCursor,
                ["resync"] = "/api/v1/records",
            });
}
