using System.Net.Http.Headers;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// The three Standard Webhooks headers of one delivery attempt, as raw header text. <see cref="Id"/> stays the same on
/// every retry (the subscriber's idempotency key); <see cref="Timestamp"/> is the Unix seconds of this attempt.
/// </summary>
public sealed record WebhookHeaders(string Id, string Timestamp, string Signature)
{
    public const string IdName = "webhook-id";
    public const string TimestampName = "webhook-timestamp";
    public const string SignatureName = "webhook-signature";

    /// <summary>
    /// Reads the headers through any lookup, e.g. <c>WebhookHeaders.Read(name =&gt; request.Headers[name])</c> in
    /// ASP.NET Core; a missing header becomes an empty string, which verification reports as missing.
    /// </summary>
    public static WebhookHeaders Read(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new WebhookHeaders(header(IdName) ?? string.Empty, header(TimestampName) ?? string.Empty, header(SignatureName) ?? string.Empty);
    }

    /// <summary>Adds the three headers to an outgoing request.</summary>
    public void ApplyTo(HttpHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(IdName, Id);
        headers.Add(TimestampName, Timestamp);
        headers.Add(SignatureName, Signature);
    }
}
