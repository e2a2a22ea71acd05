using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Feeds.Privacy;

/// <summary>
/// How a caller sees the personal identifiers in a canonical record (FEEDS.md §6). With the <c>pii:read</c> scope,
/// unchanged. Without it, every counterpart's <c>idNumber</c> is masked (the first six and last four characters of a
/// resident ID number stay, the birth date and sequence are hidden) and an <c>idNumberToken</c> is added: an HMAC of
/// the number under a key of the caller's own, so one subscriber can match a person's records across events without
/// learning the number, and two subscribers' tokens cannot be joined. The USCC of a legal person is public and stays.
/// </summary>
public sealed partial class PersonalDataView
{
    public const string TokenPrefix = "hmac-sha256:";

    private readonly byte[]? _tokenKey;

    private PersonalDataView(byte[]? tokenKey) => _tokenKey = tokenKey;

    /// <summary>Identifiers as stored (the caller holds <c>pii:read</c>).</summary>
    public static PersonalDataView Unmasked { get; } = new(null);

    public static PersonalDataView Masked(byte[] tokenKey)
    {
        ArgumentNullException.ThrowIfNull(tokenKey);
        if (tokenKey.Length < 16)
            throw new ArgumentException("A token key needs at least 16 bytes.", nameof(tokenKey));
        return new PersonalDataView(tokenKey);
    }

    public bool MasksIdentifiers => _tokenKey is not null;

    /// <summary>Masks the identifiers of a canonical record in place (nothing to do when unmasked).</summary>
    public void Apply(JsonObject record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_tokenKey is null || record["counterparts"] is not JsonArray counterparts)
            return;

        foreach (var counterpart in counterparts.OfType<JsonObject>())
        {
            if (counterpart["idNumber"] is not JsonValue value || !value.TryGetValue<string>(out var idNumber) || idNumber.Length == 0)
                continue;

            counterpart["idNumber"] = MaskIdentifier(idNumber);
            counterpart["idNumberToken"] = Token(idNumber);
        }
    }

    /// <summary>The caller's token of an identifier (also usable to look up a known number in masked data).</summary>
    public string Token(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (_tokenKey is null)
            throw new InvalidOperationException("An unmasked view has no tokens.");
        var normalized = identifier.Trim().ToUpperInvariant();
        return TokenPrefix + Base64Url.EncodeToString(HMACSHA256.HashData(_tokenKey, Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>
    /// Free text with every resident ID number in it masked (unchanged when unmasked): for source payloads and messages
    /// whose shape the hub does not know, such as a quarantined record's raw payload and its reasons.
    /// </summary>
    public string MaskText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _tokenKey is null ? text : ResidentIdPattern().Replace(text, match => MaskIdentifier(match.Value));
    }

    // 6-digit region, birth date 18xx–20xx, 3-digit sequence, check character; not part of a longer number or word.
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])")]
    private static partial System.Text.RegularExpressions.Regex ResidentIdPattern();

    /// <summary>
    /// <c>110105********1234</c> for an 18-character ID number; shorter documents keep at most their first and last
    /// quarter, and anything of four characters or fewer is hidden whole.
    /// </summary>
    public static string MaskIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var text = identifier.Trim();
        if (text.Length <= 4)
            return new string('*', text.Length);

        var (head, tail) = text.Length >= 15 ? (6, 4) : (text.Length / 4, text.Length / 4);
        return string.Concat(text.AsSpan(0, head), new string('*', text.Length - head - tail), text.AsSpan(text.Length - tail));
    }
}
