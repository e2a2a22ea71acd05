namespace IntegrationHub.Reporting.Exports;

/// <summary>
/// A table as it is exported: a file name without extension, the header row and the data rows (null = empty cell).
/// Cells of <see cref="NumericColumns"/> are numbers in XLSX; every other cell stays text, so that codes keep their digits.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    public IReadOnlySet<string> NumericColumns { get; init; } = new HashSet<string>();
}
