using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Connectors;

/// <summary>
/// How sources' JSON is parsed (rest answers, tap output, JSON and JSON Lines files): nesting within
/// <see cref="SourceLimits.MaxDepth"/>, and a property given twice is an error rather than a crash later (which value
/// would count is anyone's guess).
/// </summary>
public static class SourceJson
{
    public static JsonDocumentOptions Options(SourceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new JsonDocumentOptions { MaxDepth = limits.MaxDepth, AllowDuplicateProperties = false };
    }

    /// <summary>The parser's message, with the setting named when it is the depth limit that was hit.</summary>
    public static string Explain(JsonException ex, SourceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(limits);
        return ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{ex.Message} (rule: Hub:Limits:MaxDepth = {limits.MaxDepth})")
            : ex.Message;
    }
}
