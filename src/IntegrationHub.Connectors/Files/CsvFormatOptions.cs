namespace IntegrationHub.Connectors.Files;

/// <summary>The <c>source.csv</c> section: how the rows of a delimited text file are separated, quoted and named.</summary>
/// <param name="Delimiter">Separates fields (default <c>,</c>; <c>\t</c> for tab-separated exports).</param>
/// <param name="Quote">Encloses a field holding the delimiter, a quote or a line break (default <c>"</c>).</param>
/// <param name="Header">The first row (after <paramref name="SkipLines"/>) names the columns (default true).</param>
/// <param name="Columns">Column names when there is no header row; without them the columns are <c>column1</c>, <c>column2</c> …</param>
/// <param name="SkipLines">Lines before the header or first row to ignore (a title line of an export).</param>
public sealed record CsvFormatOptions(string Delimiter = ",", char Quote = '"', bool Header = true, IReadOnlyList<string>? Columns = null, int SkipLines = 0);
