using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Store.Model;

namespace IntegrationHub.Host.Security;

/// <summary>
/// API keys: <c>hub_</c> + base64url of 32 random bytes. The hub shows a key once and keeps only its SHA-256 and a
/// short prefix; the prefix makes leaked keys easy for secret scanners to find and keys easy to name in logs.
/// </summary>
public static class ApiKeys
{
    public const string KeyPrefix = "hub_";

    private const int RandomBytes = 32;

    // "hub_" + 43 base64url characters (32 bytes, no padding).
    private static readonly int KeyLength = KeyPrefix.Length + Base64Url.GetEncodedLength(RandomBytes);

    // "hub_" + 8 characters = 48 of the 256 random bits: enough to tell keys apart, far too few to guess one.
    private const int DisplayPrefixLength = 12;

    public static string Generate() => KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>SHA-256 of the key's UTF-8 bytes, lower-case hex: what the store keeps and looks keys up by.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>The part of a key that may be shown and logged.</summary>
    public static string Prefix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= DisplayPrefixLength ? key : key[..DisplayPrefixLength];
    }

    /// <summary>True when the text has the shape of a hub key (so malformed input never reaches the store).</summary>
    public static bool IsWellFormed(string? key) =>
        key is not null
        && key.Length == KeyLength
        && key.StartsWith(KeyPrefix, StringComparison.Ordinal)
        && Base64Url.IsValid(key.AsSpan(KeyPrefix.Length));

    /// <summary>A new key and the record to store for it (with <see cref="Hash"/> of <c>Key</c>).</summary>
    public static (ApiKey Record, string Key) Issue(
        string name,
        string role,
        IReadOnlyList<string> scopes,
        DateTimeOffset now,
        DateTimeOffset? expiresAt = null)
    {
        var key = Generate();
        var record = new ApiKey
        {
            Id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Name = name,
            Role = role,
            Scopes = scopes,
            Prefix = Prefix(key),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (record, key);
    }
}
