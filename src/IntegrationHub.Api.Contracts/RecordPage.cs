namespace IntegrationHub.Api.Contracts;

/// <summary>
/// A page of golden records; pass <see cref="Next"/> as <c>after</c> for the next page (null = last page).
/// <see cref="FeedCursor"/> is the feed position taken before the page was read: after a resync (410 from the feed),
/// continue the feed from the feed cursor of the first page.
/// </summary>
public sealed record RecordPage(
    IReadOnlyList<RecordView> Data,
    string? Next,
    [property: System.Text.Json.Serialization.JsonPropertyName("feed_cursor")] string FeedCursor);
