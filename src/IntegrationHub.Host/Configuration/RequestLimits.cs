namespace IntegrationHub.Host.Configuration;

/// <summary>
/// What a client may send the API (<c>Hub:Limits</c>, beside the source limits of <c>IntegrationHub.Connectors.SourceLimits</c>).
/// </summary>
public sealed class RequestLimits
{
    /// <summary>Bytes of one request body (default 1 MiB: a connector definition with its mapping is a few KiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
