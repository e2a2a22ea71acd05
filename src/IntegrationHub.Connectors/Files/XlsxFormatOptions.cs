namespace IntegrationHub.Connectors.Files;

/// <summary>The <c>source.xlsx</c> section: which sheet holds the rows, and which row names the columns.</summary>
/// <param name="SheetName">The sheet by name; wins over <paramref name="SheetIndex"/>.</param>
/// <param name="SheetIndex">The sheet by position, 1 = the first (default).</param>
/// <param name="HeaderRow">The row that names the columns (default 1); rows above it are ignored, rows below it are records.</param>
public sealed record XlsxFormatOptions(string? SheetName = null, int SheetIndex = 1, int HeaderRow = 1);
