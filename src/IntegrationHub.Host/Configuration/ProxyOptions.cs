namespace IntegrationHub.Host.Configuration;

/// <summary>
/// The <c>Hub:Proxy</c> section: the reverse proxies that terminate TLS in front of the hub. Their
/// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-For</c> are believed — so the hub knows a request came over HTTPS and the
/// dashboard's cookies get <c>Secure</c> — and nobody else's: with neither list set, the headers are ignored, as a
/// client could send them itself.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of the proxies (<c>10.0.0.5</c>).</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks the proxies are in (<c>10.0.0.0/24</c>).</summary>
    public IList<string> KnownNetworks { get; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
