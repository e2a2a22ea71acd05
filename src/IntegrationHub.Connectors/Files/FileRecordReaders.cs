namespace IntegrationHub.Connectors.Files;

/// <summary>
/// Reads the records of one file in its format. The whole file is checked before the first record is returned: a file
/// that cannot be read as a whole throws <see cref="UnreadableFileException"/> here, never half-way through its records.
/// </summary>
public static class FileRecordReaders
{
    public static IEnumerable<FileRow> Read(string path, FileSourceOptions options) => Read(path, options, SourceLimits.Default);

    /// <summary>The records of one file, read as a stream within <paramref name="limits"/>.</summary>
    public static IEnumerable<FileRow> Read(string path, FileSourceOptions options, SourceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        return options.Format switch
        {
            FileFormat.Csv => CsvRecordReader.Read(path, options.Csv, FileTextEncodings.For(options.Encoding, path), limits),
            FileFormat.Xlsx => XlsxRecordReader.Read(path, options.Xlsx, limits),
            FileFormat.Json => JsonRecordReader.Read(path, options.JsonRecordsPath, FileTextEncodings.For(options.Encoding, path), limits),
            FileFormat.JsonLines => JsonLinesRecordReader.Read(path, FileTextEncodings.For(options.Encoding, path), limits),
            FileFormat.Xml => XmlRecordReader.Read(path, options.XmlRecordPath ?? "/", limits),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Format, "Unknown file format."),
        };
    }

    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
}
