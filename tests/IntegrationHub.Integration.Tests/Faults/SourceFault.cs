namespace IntegrationHub.Integration.Tests.Faults;

/// <summary>How a faulty departmental HTTP API answers one request.</summary>
public enum SourceFault
{
    /// <summary>The page, as asked.</summary>
    None,

    /// <summary>HTTP 500 with an error text, in a storm of consecutive requests.</summary>
    ServerError,

    /// <summary>HTTP 429 with <c>Retry-After: 1</c>, in a storm of consecutive requests.</summary>
    TooManyRequests,

    /// <summary>The page, after a pause of up to three seconds (some longer than the connector's attempt timeout).</summary>
    Slow,

    /// <summary>Half of the page's bytes of the declared length, then the connection is aborted.</summary>
    CutMidBody,

    /// <summary>The connection is aborted before any answer.</summary>
    Reset,

    /// <summary>A well-framed 200 whose JSON stops in the middle: the read fails, no retry helps, the next run resumes.</summary>
    TruncatedJson,
}
