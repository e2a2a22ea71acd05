namespace IntegrationHub.Connectors.Rest;

/// <summary>How a REST source hands out the next page.</summary>
public enum RestPaginationStyle
{
    /// <summary>One request returns everything.</summary>
    None,

    /// <summary>A page-number parameter (<c>page=1, 2, 3 …</c>).</summary>
    Page,

    /// <summary>An offset parameter advanced by the records received (<c>offset=0&amp;limit=100</c>).</summary>
    Offset,

    /// <summary>A token in the response body, sent back as a parameter.</summary>
    Cursor,

    /// <summary>The RFC 8288 <c>Link</c> header with <c>rel="next"</c>.</summary>
    Link,
}
