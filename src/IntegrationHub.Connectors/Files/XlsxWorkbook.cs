using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// An opened workbook, ready to stream one sheet: the package opened with the Open XML SDK, every zip entry checked
/// against the decompression limits first (declared sizes; the parts read are also counted as they stream), the sheet
/// found by name or number, the number formats that make a number a date, and the shared strings read.
/// </summary>
internal sealed class XlsxWorkbook : IDisposable
{
    private readonly FileStream _file;
    private readonly SpreadsheetDocument _document;
    private readonly Dictionary<string, long> _compressed;
    private readonly SourceLimits _limits;

    private XlsxWorkbook(FileStream file, SpreadsheetDocument document, Dictionary<string, long> compressed, SourceLimits limits)
    {
        _file = file;
        _document = document;
        _compressed = compressed;
        _limits = limits;
    }

    public required WorksheetPart Sheet { get; init; }

    public required XlsxCellKind[] Styles { get; init; }

    public SharedStringTable Strings { get; private set; } = new();

    public static XlsxWorkbook Open(string path, XlsxFormatOptions options, SourceLimits limits)
    {
        var file = FileRecordReaders.OpenRead(path);
        SpreadsheetDocument? document = null;
        try
        {
            var compressed = CheckEntries(file, limits);
            file.Position = 0;
            document = SpreadsheetDocument.Open(file, isEditable: false);
            var workbookPart = document.WorkbookPart ?? throw new UnreadableFileException("The file is a zip package but holds no workbook.");
            var sheets = workbookPart.Workbook.Sheets?.Elements<Sheet>().ToList() ?? [];
            var sheet = options.SheetName is { } name
                ? sheets.FirstOrDefault(s => string.Equals(s.Name?.Value, name, StringComparison.OrdinalIgnoreCase))
                  ?? throw new UnreadableFileException($"The workbook has no sheet named '{name}' (sheets: {string.Join(", ", sheets.Select(s => s.Name?.Value))}).")
                : options.SheetIndex <= sheets.Count
                    ? sheets[options.SheetIndex - 1]
                    : throw new UnreadableFileException($"The workbook has {sheets.Count} sheet(s); sheet {options.SheetIndex} does not exist.");
            var part = sheet.Id?.Value is { } id && workbookPart.GetPartById(id) is WorksheetPart worksheet
                ? worksheet
                : throw new UnreadableFileException($"The sheet '{sheet.Name?.Value}' is not a worksheet (a chart sheet or a broken link).");
            var workbook = new XlsxWorkbook(file, document, compressed, limits) { Sheet = part, Styles = XlsxCellKinds.Of(workbookPart.WorkbookStylesPart?.Stylesheet) };
            var sharedStrings = workbookPart.SharedStringTablePart;
            using (var strings = sharedStrings is null ? null : workbook.Open(sharedStrings))
                workbook.Strings = SharedStringTable.Read(strings);
            return workbook;
        }
        catch (Exception ex) when (ex is not (UnreadableFileException or OutOfMemoryException or IOException or UnauthorizedAccessException))
        {
            document?.Dispose();
            file.Dispose();
            throw new UnreadableFileException($"The file is not a readable XLSX workbook ({ex.GetType().Name}: {ex.Message}).", ex);
        }
        catch
        {
            document?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>A part's content, counted against the decompression limits as it is read.</summary>
    public Stream Open(OpenXmlPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var name = part.Uri.OriginalString.TrimStart('/');
        var compressed = _compressed.GetValueOrDefault(name, 0);
        var byRatio = Math.Max(1024L * 1024, compressed * _limits.MaxCompressionRatio);
        var (limit, rule) = byRatio < _limits.MaxDecompressedBytes
            ? (byRatio, $"Hub:Limits:MaxCompressionRatio = {_limits.MaxCompressionRatio}")
            : (_limits.MaxDecompressedBytes, "Hub:Limits:MaxDecompressedBytes");
        return new DecompressedSizeGuard(part.GetStream(FileMode.Open, FileAccess.Read), name, limit, rule);
    }

    /// <summary>Refuses a package whose entries declare more than the limits allow, before anything is decompressed.</summary>
    private static Dictionary<string, long> CheckEntries(FileStream file, SourceLimits limits)
    {
        using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        var sizes = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries)
        {
            sizes[entry.FullName] = entry.CompressedLength;
            if (entry.Length > limits.MaxDecompressedBytes)
            {
                throw new UnreadableFileException(string.Create(CultureInfo.InvariantCulture,
                    $"The workbook's part {entry.FullName} expands to {entry.Length:N0} bytes, over the limit of {limits.MaxDecompressedBytes:N0} (rule: Hub:Limits:MaxDecompressedBytes); the file is refused as a zip bomb."));
            }

            if (entry.Length > 1024 * 1024 && entry.Length > entry.CompressedLength * limits.MaxCompressionRatio)
            {
                throw new UnreadableFileException(string.Create(CultureInfo.InvariantCulture,
                    $"The workbook's part {entry.FullName} expands from {entry.CompressedLength:N0} to {entry.Length:N0} bytes, a ratio over the limit of {limits.MaxCompressionRatio} (rule: Hub:Limits:MaxCompressionRatio); the file is refused as a zip bomb."));
            }
        }

        return sizes;
    }

    public void Dispose()
    {
        Strings.Dispose();
        _document.Dispose();
        _file.Dispose();
    }
}
