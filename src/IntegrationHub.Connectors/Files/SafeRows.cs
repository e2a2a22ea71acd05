namespace IntegrationHub.Connectors.Files;

/// <summary>
/// The records of a file, where a file that turns out unreadable ends the sequence with <see cref="Failure"/> set instead
/// of throwing: the connector then sends the file to <c>failed/</c> and goes on with the next one.
/// </summary>
internal sealed class SafeRows : IDisposable
{
    private readonly IEnumerator<FileRow>? _rows;

    private SafeRows(IEnumerator<FileRow>? rows, string? failure)
    {
        _rows = rows;
        Failure = failure;
    }

    public string? Failure { get; private set; }

    public FileRow Current => _rows!.Current;

    public static SafeRows Open(string path, FileSourceOptions options)
    {
        try
        {
            return new SafeRows(FileRecordReaders.Read(path, options).GetEnumerator(), null);
        }
        catch (Exception ex) when (ex is UnreadableFileException)
        {
            return new SafeRows(null, ex.Message);
        }
    }

    public bool MoveNext()
    {
        if (_rows is null || Failure is not null)
            return false;
        try
        {
            return _rows.MoveNext();
        }
        catch (Exception ex) when (ex is UnreadableFileException)
        {
            Failure = ex.Message;
            return false;
        }
    }

    public void Dispose() => _rows?.Dispose();
}
