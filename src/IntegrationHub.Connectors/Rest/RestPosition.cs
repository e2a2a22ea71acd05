namespace IntegrationHub.Connectors.Rest;

/// <summary>The request that reads the next page: a page number, an offset, a cursor token or a next-link address.</summary>
public sealed record RestPosition
{
    public long? Page { get; init; }

    public long? Offset { get; init; }

    public string? Cursor { get; init; }

    /// <summary>An absolute next-link address (link style), stored without the API key.</summary>
    public string? Url { get; init; }
}
