using System.Globalization;
using System.Security.Cryptography;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// Verifies a Standard Webhooks v1 delivery over the raw body bytes, before any JSON parsing. This is the sample
/// verifier we ship to subscribers: unlike NuGet StandardWebhooks 1.1.2 it checks every signature in the header,
/// including the last one (FEEDS.md §1), so rotation works whatever the order of the signatures.
/// </summary>
public static class WebhookVerifier
{
    /// <summary>±300 s, as in the Standard Webhooks reference libraries.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int SignatureLength = 32;

    public static WebhookVerificationResult Verify(
        ReadOnlySpan<byte> body, WebhookHeaders headers, IReadOnlyList<WebhookSecret> secrets, TimeProvider timeProvider) =>
        Verify(body, headers, secrets, timeProvider, DefaultTolerance);

    public static WebhookVerificationResult Verify(
        ReadOnlySpan<byte> body, WebhookHeaders headers, IReadOnlyList<WebhookSecret> secrets, TimeProvider timeProvider, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);

        if (string.IsNullOrEmpty(headers.Id) || string.IsNullOrEmpty(headers.Timestamp) || string.IsNullOrWhiteSpace(headers.Signature))
            return WebhookVerificationResult.MissingHeader;

        if (headers.Id.Contains('.', StringComparison.Ordinal) || headers.Timestamp.Contains('.', StringComparison.Ordinal)
            || !long.TryParse(headers.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentSeconds))
        {
            return WebhookVerificationResult.MalformedHeader;
        }

        var nowSeconds = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var toleranceSeconds = (long)tolerance.TotalSeconds;
        if (nowSeconds - sentSeconds > toleranceSeconds)
            return WebhookVerificationResult.TimestampTooOld;
        if (sentSeconds - nowSeconds > toleranceSeconds)
            return WebhookVerificationResult.TimestampTooNew;

        var expected = new byte[secrets.Count][];
        for (var i = 0; i < secrets.Count; i++)
            expected[i] = WebhookSigner.ComputeSignature(secrets[i], headers.Id, headers.Timestamp, body);

        Span<byte> received = stackalloc byte[SignatureLength];
        foreach (var entry in headers.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other schemes (v1a ed25519) may travel alongside; they are not ours to check.
            if (!entry.StartsWith(WebhookSigner.VersionPrefix, StringComparison.Ordinal)
                || !Convert.TryFromBase64Chars(entry.AsSpan(WebhookSigner.VersionPrefix.Length), received, out var written)
                || written != SignatureLength)
            {
                continue;
            }

            foreach (var candidate in expected)
            {
                if (CryptographicOperations.FixedTimeEquals(candidate, received))
                    return WebhookVerificationResult.Valid;
            }
        }

        return WebhookVerificationResult.NoMatchingSignature;
    }
}
