using System.Net;
using IntegrationHub.Host.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace IntegrationHub.Host.Hosting;

/// <summary>Believes <c>X-Forwarded-Proto</c>/<c>-For</c> from the proxies of <see cref="ProxyOptions"/> only.</summary>
internal static class ProxyHeaders
{
    public static WebApplication UseHubProxyHeaders(this WebApplication app, ProxyOptions proxy)
    {
        if (!proxy.Any)
            return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // ASP.NET Core trusts loopback by default; here only what the operator lists counts.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        for (var i = 0; i < proxy.KnownProxies.Count; i++)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy.KnownProxies[i], out var address)
                ? address
                : throw new InvalidOperationException($"{HubOptions.Section}:Proxy:KnownProxies:{i}: '{proxy.KnownProxies[i]}' is not an IP address such as 10.0.0.5."));
        }

        for (var i = 0; i < proxy.KnownNetworks.Count; i++)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(proxy.KnownNetworks[i], out var network)
                ? network
                : throw new InvalidOperationException($"{HubOptions.Section}:Proxy:KnownNetworks:{i}: '{proxy.KnownNetworks[i]}' is not a network such as 10.0.0.0/24."));
        }

        app.UseForwardedHeaders(options);
        return app;
    }
}
