using System.Net;
using System.Net.Sockets;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// Where webhook deliveries may go (FEEDS.md §6, OWASP SSRF): https only, and never to an address in a private,
/// loopback, link-local (cloud metadata), multicast or otherwise reserved range unless an administrator allows that
/// range explicitly. <see cref="CreateHandler"/> enforces it when connecting, on the address actually dialled, so DNS
/// rebinding cannot slip past a check made at registration.
/// </summary>
public sealed class EgressPolicy
{
    /// <summary>The policy with every default: https only, nothing allowed beyond public addresses.</summary>
    public static readonly EgressPolicy Default = new();

    private static readonly BlockedRange[] BlockedRanges =
    [
        new("0.0.0.0/8", "this network"),
        new("10.0.0.0/8", "private"),
        new("100.64.0.0/10", "carrier-grade NAT"),
        new("127.0.0.0/8", "loopback"),
        new("169.254.0.0/16", "link-local, cloud metadata"),
        new("172.16.0.0/12", "private"),
        new("192.168.0.0/16", "private"),
        new("198.18.0.0/15", "benchmarking"),
        new("224.0.0.0/4", "multicast"),
        new("240.0.0.0/4", "reserved, broadcast"),
        new("::1/128", "loopback"),
        new("::/128", "unspecified"),
        new("fc00::/7", "unique local"),
        new("fe80::/10", "link-local"),
        new("ff00::/8", "multicast"),
        new("64:ff9b::/96", "NAT64, reaches any IPv4 address"),
    ];

    private static readonly IPNetwork MappedIPv4 = IPNetwork.Parse("::ffff:0:0/96");

    /// <summary>
    /// Refuse plain http. Default true; only tests against a loopback server and closed networks turn it off.
    /// </summary>
    public bool RequireHttps { get; init; } = true;

    /// <summary>
    /// Ranges an administrator allows although they are blocked, e.g. an internal subscriber's <c>10.20.0.0/16</c>.
    /// Default empty. An IPv4-mapped IPv6 address is matched as its IPv4 address.
    /// </summary>
    public IReadOnlyList<IPNetwork> AllowedRanges { get; init; } = [];

    /// <summary>Limit on DNS resolution plus TCP connect (and TLS handshake) of one attempt. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registration-time check of a webhook URL under the default policy: absolute https, no credentials, and no host
    /// that is a blocked literal address or <c>localhost</c>. Returns why the URL is refused, or null when it is
    /// acceptable. Host names are checked again at every connection, since DNS answers can change.
    /// </summary>
    public static string? CheckUrl(Uri url) => Default.CheckTarget(url);

    /// <summary>Like <see cref="CheckUrl"/>, but under this policy's <see cref="RequireHttps"/> and <see cref="AllowedRanges"/>.</summary>
    public string? CheckTarget(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
            return "the webhook URL must be absolute";
        if (url.Scheme != Uri.UriSchemeHttps && (RequireHttps || url.Scheme != Uri.UriSchemeHttp))
            return RequireHttps ? "the webhook URL must use https" : "the webhook URL must use https or http";
        if (!string.IsNullOrEmpty(url.UserInfo))
            return "the webhook URL must not carry credentials";

        var host = url.IdnHost;
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            var rule = FindBlockingRule(literal);
            return rule is null ? null : $"the address {literal} is in the blocked range {rule}";
        }

        // RFC 6761: localhost and its subdomains always resolve to loopback, so they pass only where loopback is allowed.
        if ((host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            && (FindBlockingRule(IPAddress.Loopback) ?? FindBlockingRule(IPAddress.IPv6Loopback)) is { } loopbackRule)
        {
            return $"the host '{host}' is loopback, in the blocked range {loopbackRule}";
        }

        return null;
    }

    /// <summary>
    /// The blocked range (with its purpose) that contains <paramref name="address"/> and is not overridden by
    /// <see cref="AllowedRanges"/>, or null when a webhook may be delivered there.
    /// </summary>
    public string? FindBlockingRule(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:a.b.c.d dials a.b.c.d, so it is judged by the IPv4 rules.
            var mapped = address.MapToIPv4();
            var mappedRule = FindBlockingRule(mapped);
            return mappedRule is null ? null : $"{MappedIPv4} mapping {mappedRule}";
        }

        foreach (var allowed in AllowedRanges)
        {
            if (allowed.Contains(address))
                return null;
        }

        foreach (var blocked in BlockedRanges)
        {
            if (blocked.Range.Contains(address))
                return $"{blocked.Range} ({blocked.Purpose})";
        }

        return null;
    }

    /// <summary>
    /// A handler for webhook delivery under this policy: each connection resolves the host once, refuses it if ANY
    /// address is blocked, and dials the checked address itself. No proxy (a proxy would hide the target from the
    /// check), no redirects (3xx counts as a failed delivery), and the connect timeout above. Send HTTP/1.1 or HTTP/2
    /// requests only: HTTP/3 runs over QUIC, which does not go through the connect callback.
    /// </summary>
    public SocketsHttpHandler CreateHandler()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = ConnectTimeout,
            ConnectCallback = new SafeConnectCallback(this).ConnectAsync,
        };
    }

    private sealed record BlockedRange(IPNetwork Range, string Purpose)
    {
        public BlockedRange(string cidr, string purpose)
            : this(IPNetwork.Parse(cidr), purpose)
        {
        }
    }
}
