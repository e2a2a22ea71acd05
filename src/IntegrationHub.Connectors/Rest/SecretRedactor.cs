namespace IntegrationHub.Connectors.Rest;

/// <summary>Replaces every secret of a connector by <c>********</c> in a text that may reach a message or a log.</summary>
internal sealed class SecretRedactor(IEnumerable<string> secrets)
{
    private const string Mask = "********";

    // Longest first, so that a secret containing another is masked whole; short values are masked too (a PIN-like key).
    private readonly string[] _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s))
        .SelectMany(s => new[] { s, Uri.EscapeDataString(s) }).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
