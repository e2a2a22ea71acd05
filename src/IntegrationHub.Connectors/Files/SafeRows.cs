namespace IntegrationHub.Connectors.Files;

/// <summary>
/// The records of a file, where a file that turns out unreadable ends the sequence with <see cref="Failure"/> set instead
/// of throwing: the connector then sends the file to <c>failed/</c> and goes on with the next one.
/// </summary>
internal sealed class SafeRows : IDisposable
{
    private readonly IEnumerator<FileRow>? _rows;
    private readonly SourceLimits _limits;

    private SafeRows(IEnumerator<FileRow>? rows, string? failure, SourceLimits limits)
    {
        _rows = rows;
        Failure = failure;
        _limits = limits;
    }

    public string? Failure { get; private set; }

    /// <summary>The current row, screened (<see cref="SourceRecordScreen"/>): the read and the report see the same problems.</summary>
    public FileRow Current { get; private set; } = null!;

    public static SafeRows Open(string path, FileSourceOptions options, SourceLimits limits)
    {
        try
        {
            return new SafeRows(FileRecordReaders.Read(path, options, limits).GetEnumerator(), null, limits);
        }
        catch (Exception ex) when (ex is UnreadableFileException)
        {
            return new SafeRows(null, ex.Message, limits);
        }
    }

    public bool MoveNext()
    {
        if (_rows is null || Failure is not null)
            return false;
        try
        {
            if (!_rows.MoveNext())
                return false;
            var row = _rows.Current;
            var screened = SourceRecordScreen.Screen(new SourceRecord(row.Data, Problem: row.Problem), _limits);
            Current = screened.Problem == row.Problem ? row : row with { Problem = screened.Problem };
            return true;
        }
        catch (Exception ex) when (ex is UnreadableFileException)
        {
            Failure = ex.Message;
            return false;
        }
        catch (Exception ex) when (ex is System.Xml.XmlException or InvalidDataException or System.Text.Json.JsonException)
        {
            // Broken past the point the first pass could see (a sheet's XML, a damaged zip entry).
            Failure = $"The file could not be read to its end: {ex.Message}";
            return false;
        }
    }

    public void Dispose() => _rows?.Dispose();
}
