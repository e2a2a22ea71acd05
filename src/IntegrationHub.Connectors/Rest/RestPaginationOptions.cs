namespace IntegrationHub.Connectors.Rest;

/// <summary>The <c>source.pagination</c> section of a rest connector.</summary>
public sealed record RestPaginationOptions
{
    public RestPaginationStyle Style { get; init; } = RestPaginationStyle.None;

    /// <summary>The page-number parameter (page style). Default <c>page</c>.</summary>
    public string PageParameter { get; init; } = "page";

    /// <summary>The number of the first page (page style). Default 1.</summary>
    public long FirstPage { get; init; } = 1;

    /// <summary>The offset parameter (offset style). Default <c>offset</c>.</summary>
    public string OffsetParameter { get; init; } = "offset";

    /// <summary>The page-size parameter; null: not sent. Default <c>pageSize</c> for page, <c>limit</c> for offset.</summary>
    public string? SizeParameter { get; init; }

    /// <summary>Where the next-page token is in the body (cursor style).</summary>
    public ResponsePath? CursorPath { get; init; }

    /// <summary>The parameter that carries the token (cursor style). Default <c>cursor</c>.</summary>
    public string CursorParameter { get; init; } = "cursor";

    /// <summary>Where a read starts: the first page, offset 0, no cursor, the configured url.</summary>
    public RestPosition Start => Style switch
    {
        RestPaginationStyle.Page => new RestPosition { Page = FirstPage },
        RestPaginationStyle.Offset => new RestPosition { Offset = 0 },
        _ => new RestPosition(),
    };
}
