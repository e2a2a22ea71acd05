namespace IntegrationHub.Connectors.Files;

/// <summary>A file that cannot be read as a whole (not a workbook, not well-formed XML): it goes to <c>failed/</c>.</summary>
public sealed class UnreadableFileException(string reason, Exception? inner = null) : Exception(reason, inner);
