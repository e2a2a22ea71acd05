using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// Standard Webhooks v1 signing (FEEDS.md §1): HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, written
/// <c>v1,&lt;base64&gt;</c>. During key rotation every active secret signs and the header carries all signatures.
/// </summary>
public static class WebhookSigner
{
    public const string VersionPrefix = "v1,";

    /// <summary>The value of the <c>webhook-signature</c> header: one <c>v1,…</c> entry per secret, space-separated.</summary>
    public static string Sign(string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IReadOnlyList<WebhookSecret> secrets)
    {
        ValidateMessageId(messageId);
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
            throw new ArgumentException("At least one webhook secret is needed to sign.", nameof(secrets));

        var timestampText = FormatTimestamp(timestamp);
        var signatures = new StringBuilder();
        foreach (var secret in secrets)
        {
            ArgumentNullException.ThrowIfNull(secret, nameof(secrets));
            if (signatures.Length > 0)
                signatures.Append(' ');
            signatures.Append(VersionPrefix).Append(Convert.ToBase64String(ComputeSignature(secret, messageId, timestampText, body)));
        }

        return signatures.ToString();
    }

    /// <summary>The three headers of one delivery attempt.</summary>
    public static WebhookHeaders Headers(string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body, IReadOnlyList<WebhookSecret> secrets) =>
        new(messageId, FormatTimestamp(timestamp), Sign(messageId, timestamp, body, secrets));

    /// <summary>The signature is over the timestamp exactly as the header spells it, so the verifier passes the raw text.</summary>
    internal static byte[] ComputeSignature(WebhookSecret secret, string messageId, string timestampText, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{messageId}.{timestampText}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret.Key, content);
    }

    private static string FormatTimestamp(DateTimeOffset timestamp)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(timestamp));
        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    // A '.' would make "{id}.{timestamp}.{body}" ambiguous, so the spec forbids it.
    private static void ValidateMessageId(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (messageId.Contains('.', StringComparison.Ordinal))
            throw new ArgumentException("A webhook message id must not contain '.'.", nameof(messageId));
    }
}
