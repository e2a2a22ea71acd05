namespace IntegrationHub.Feeds;

/// <summary>The <c>after</c> cursor given to the feed is not one the hub issued; the API answers 400.</summary>
public sealed class MalformedFeedCursorException : FormatException
{
    public MalformedFeedCursorException(string cursor)
        : base("The feed cursor is malformed: pass a next_cursor returned by the feed, or omit it to start from the beginning.")
    {
        Cursor = cursor;
    }

    public MalformedFeedCursorException()
        : this(string.Empty)
    {
    }

    public MalformedFeedCursorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cursor = string.Empty;
    }

    /// <summary>The query parameter that carried the cursor.</summary>
    public string ParameterName { get; init; } = "after";

    public string Cursor { get; }
}
