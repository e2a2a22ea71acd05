namespace IntegrationHub.Host.Apis.Exports;

/// <summary>A table as it is exported: a file name without extension, the header row and the data rows (null = empty cell).</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows);
