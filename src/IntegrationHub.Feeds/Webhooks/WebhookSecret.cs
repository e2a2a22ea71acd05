using System.Security.Cryptography;

namespace IntegrationHub.Feeds.Webhooks;

/// <summary>
/// The HMAC key of one webhook endpoint, written <c>whsec_&lt;base64&gt;</c> (Standard Webhooks v1, FEEDS.md §1).
/// <see cref="ToString"/> never shows the key, so a secret that reaches a log or an exception message leaks nothing;
/// <see cref="Export"/> is the one deliberate way to show it (once, to the subscriber).
/// </summary>
public sealed class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>Standard Webhooks asks for 24 to 64 random bytes; the official test vector uses 24.</summary>
    public const int MinKeyLength = 24;

    public const int MaxKeyLength = 64;

    /// <summary>The length <see cref="Generate"/> uses.</summary>
    public const int GeneratedKeyLength = 32;

    private readonly byte[] key;

    private WebhookSecret(byte[] key) => this.key = key;

    internal ReadOnlySpan<byte> Key => key;

    /// <summary>A new secret of <see cref="GeneratedKeyLength"/> bytes from the operating system's CSPRNG.</summary>
    public static WebhookSecret Generate() => new(RandomNumberGenerator.GetBytes(GeneratedKeyLength));

    /// <exception cref="FormatException">The text is not <c>whsec_</c> followed by padded base64 of 24 to 64 bytes.</exception>
    public static WebhookSecret Parse(string text) =>
        TryParse(text, out var secret)
            ? secret
            // The message never echoes the input: it may be a real key with a typo.
            : throw new FormatException(
                $"A webhook secret is '{Prefix}' followed by standard base64 of {MinKeyLength} to {MaxKeyLength} bytes.");

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WebhookSecret? secret)
    {
        secret = null;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
            return false;

        var encoded = text.AsSpan(Prefix.Length);
        var buffer = new byte[MaxKeyLength];
        if (encoded.IsEmpty || encoded.ContainsAny(" \t\r\n") || !Convert.TryFromBase64Chars(encoded, buffer, out var written)
            || written < MinKeyLength)
        {
            return false;
        }

        secret = new WebhookSecret(buffer[..written]);
        return true;
    }

    /// <summary>The <c>whsec_…</c> text that <see cref="Parse"/> reads back. Show it to the subscriber once; never log it.</summary>
    public string Export() => Prefix + Convert.ToBase64String(key);

    public override string ToString() => $"{Prefix}*** ({key.Length} bytes)";
}
