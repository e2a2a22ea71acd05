using System.Net;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// A webhook delivery was stopped before a connection was made because the target is not allowed by the
/// <see cref="EgressPolicy"/>. HttpClient surfaces it as the inner exception of an <see cref="HttpRequestException"/>.
/// </summary>
public sealed class EgressRefusedException : IOException
{
    public EgressRefusedException(string host, IPAddress? address, string rule)
        : base(address is null
            ? $"Webhook egress to host '{host}' refused: {rule}."
            : $"Webhook egress to host '{host}' refused: address {address} is in the blocked range {rule}.")
    {
        Host = host;
        Address = address;
        Rule = rule;
    }

    public EgressRefusedException()
        : this("Webhook egress refused.")
    {
    }

    public EgressRefusedException(string message)
        : base(message)
    {
        Host = string.Empty;
        Rule = string.Empty;
    }

    public EgressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Host = string.Empty;
        Rule = string.Empty;
    }

    /// <summary>The host name or literal address from the request URL.</summary>
    public string Host { get; }

    /// <summary>The resolved address that was refused; null when the refusal is not about an address (e.g. plain http).</summary>
    public IPAddress? Address { get; }

    /// <summary>The blocked range and its purpose, e.g. <c>127.0.0.0/8 (loopback)</c>, or the rule that was broken.</summary>
    public string Rule { get; }
}
