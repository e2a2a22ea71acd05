using System.Text;

namespace IntegrationHub.Cli.Output;

/// <summary>A plain-text table: upper-case headers, columns two spaces apart, numbers aligned right.</summary>
internal sealed class TextTable
{
    private const int MaxCellWidth = 60;

    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <param name="headers">Column names; a name ending in '>' is aligned right (the '>' is not shown).</param>
    public TextTable(params string[] headers)
    {
        _rightAligned = headers.Select(h => h.EndsWith('>')).ToArray();
        _headers = headers.Select(h => h.TrimEnd('>')).ToArray();
    }

    public int Count => _rows.Count;

    public TextTable Add(params string?[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"A row needs {_headers.Length} cells, not {cells.Length}.", nameof(cells));
        _rows.Add(cells.Select(c => DisplayWidth.Truncate((c ?? "").ReplaceLineEndings(" "), MaxCellWidth)).ToArray());
        return this;
    }

    public async Task WriteAsync(TextWriter writer)
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => DisplayWidth.Of(r[i])).Append(DisplayWidth.Of(h)).Max()).ToArray();
        await writer.WriteLineAsync(Line(_headers, widths)).ConfigureAwait(false);
        foreach (var row in _rows)
            await writer.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
    }

    private string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var padding = new string(' ', widths[i] - DisplayWidth.Of(cells[i]));
            if (i > 0)
                line.Append("  ");
            line.Append(_rightAligned[i] ? padding + cells[i] : cells[i] + (i == cells.Length - 1 ? "" : padding));
        }

        return line.ToString().TrimEnd();
    }
}
