namespace IntegrationHub.Connectors;

/// <summary>
/// The source could not be used: not reachable (<c>connect</c>), credentials refused (<c>authenticate</c>) or an answer
/// that cannot be read (<c>read</c>). The message names the source address (never a secret) and what to do.
/// </summary>
public sealed class SourceAccessException(string stage, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Stage { get; } = stage;
}
