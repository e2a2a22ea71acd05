using IntegrationHub.Feeds;
using IntegrationHub.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Host.Apis;

/// <summary>The pull feed: every change of every golden record, in order, as CloudEvents, resumable by cursor.</summary>
public static class FeedApi
{
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("feed")
            .WithTags("Feed")
            .RequireAuthorization(HubPolicies.FeedReader);

        api.MapGet("/", ReadFeed)
            .WithName("ReadFeed")
            .WithSummary("Read the change feed")
            .WithDescription("Change events after the cursor, oldest first, each a CloudEvents 1.0 JSON event. next_cursor is always present: store it after processing the page and pass it as after next time. Delivery is at least once; deduplicate on the event id.");

        return app;
    }

    public static async Task<Results<Ok<FeedPage>, ValidationProblem>> ReadFeed(
        string? after,
        string? limit,
        FeedReader reader,
        CancellationToken ct)
    {
        if (ApiProblems.ParseLimit(limit, FeedReader.DefaultLimit, FeedReader.MaxLimit, out var take) is { } invalid)
            return invalid;

        try
        {
            return TypedResults.Ok(await reader.ReadAsync(after, take, ct).ConfigureAwait(false));
        }
        catch (MalformedFeedCursorException ex)
        {
            return ApiProblems.Invalid(ex.ParameterName, ex.Cursor, "cursor.format",
                "is not a cursor issued by this feed: pass the next_cursor of a previous page, or omit it to read from the beginning.");
        }
    }
}
