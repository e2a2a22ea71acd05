using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IntegrationHub.Feeds;

/// <summary>
/// One page of the pull feed (FEEDS.md §3): CloudEvents in ascending sequence order, the cursor to continue from (always
/// present, even when <see cref="Data"/> is empty) and whether more events are already waiting.
/// </summary>
public sealed record FeedPage(
    [property: JsonPropertyName("data")] IReadOnlyList<JsonObject> Data,
    [property: JsonPropertyName("next_cursor")] string NextCursor,
    [property: JsonPropertyName("has_more")] bool HasMore);
