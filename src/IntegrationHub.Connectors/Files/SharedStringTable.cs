using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// The shared strings of a workbook (most text cells point into it). Kept in memory while small; a table larger than
/// <see cref="SpillCharacters"/> characters goes to a temporary file (UTF-8 text plus an index of offsets), read back by
/// position, so a workbook of millions of distinct strings is read in bounded memory. A small cache keeps repeated values
/// (code lists, agency names) from being read again.
/// </summary>
internal sealed partial class SharedStringTable : IDisposable
{
    /// <summary>Characters held in memory before the table spills to disk.</summary>
    public const long SpillCharacters = 8 * 1024 * 1024;

    private const int CacheSize = 4096;

    private readonly long _spillAt;
    private readonly List<string> _memory = [];
    private readonly string?[] _cache = new string?[CacheSize];
    private readonly int[] _cached = new int[CacheSize];
    private long _characters;
    private FileStream? _text;
    private FileStream? _index;
    private long _offset;
    private byte[] _bytes = new byte[1024];

    public SharedStringTable(long spillAt = SpillCharacters)
    {
        _spillAt = spillAt;
        Array.Fill(_cached, -1);
    }

    public int Count { get; private set; }

    /// <summary>Whether the table went to disk (for tests).</summary>
    public bool Spilled => _text is not null;

    public static SharedStringTable Read(Stream? part, long spillAt = SpillCharacters)
    {
        var table = new SharedStringTable(spillAt);
        if (part is null)
            return table;
        using var reader = new TypedOpenXmlPartReader(part, default(OpenXmlPartReaderOptions));
        // LoadCurrentElement moves the reader past the item: read on only when nothing was loaded.
        var more = reader.Read();
        while (more && !reader.EOF)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(SharedStringItem))
                table.Add(TextOf((SharedStringItem)reader.LoadCurrentElement()!));
            else
                more = reader.Read();
        }

        table.Complete();
        return table;
    }

    /// <summary>The text of a string item: its plain text, or its runs joined (phonetic runs left out, as Excel shows it).</summary>
    public static string TextOf(OpenXmlElement item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.GetFirstChild<Text>() is { } text)
            return Decode(text.Text);
        var builder = new StringBuilder();
        foreach (var run in item.Elements<Run>())
            builder.Append(run.Text?.Text);
        return Decode(builder.ToString());
    }

    /// <summary>
    /// Characters XML cannot carry are written as <c>_xHHHH_</c> (a carriage return as <c>_x000D_</c>); decoded as
    /// ClosedXML decoded them, so a control character hidden this way is still seen and quarantined.
    /// </summary>
    private static string Decode(string text) =>
        text.Contains("_x", StringComparison.Ordinal) ? EscapedCharacter().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()) : text;

    [System.Text.RegularExpressions.GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial System.Text.RegularExpressions.Regex EscapedCharacter();

    public void Add(string text)
    {
        Count++;
        if (_text is null)
        {
            _memory.Add(text);
            _characters += text.Length;
            if (_characters > _spillAt)
                Spill();
            return;
        }

        Write(text);
    }

    public string this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new UnreadableFileException($"A cell points to shared string {index}, but the workbook has {Count}.");
            if (_text is null)
                return _memory[index];
            var slot = index % CacheSize;
            if (_cached[slot] == index)
                return _cache[slot]!;
            Span<byte> entry = stackalloc byte[12];
            RandomAccess.Read(_index!.SafeFileHandle, entry, (long)index * 12);
            var offset = BitConverter.ToInt64(entry);
            var length = BitConverter.ToInt32(entry[8..]);
            if (_bytes.Length < length)
                _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
            RandomAccess.Read(_text.SafeFileHandle, _bytes.AsSpan(0, length), offset);
            var text = Encoding.UTF8.GetString(_bytes, 0, length);
            _cache[slot] = text;
            _cached[slot] = index;
            return text;
        }
    }

    private void Spill()
    {
        _text = Temporary();
        _index = Temporary();
        foreach (var text in _memory)
            Write(text);
        _memory.Clear();
        _memory.Capacity = 0;
    }

    private void Write(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (_bytes.Length < length)
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        Encoding.UTF8.GetBytes(text, _bytes);
        _text!.Write(_bytes, 0, length);
        Span<byte> entry = stackalloc byte[12];
        BitConverter.TryWriteBytes(entry, _offset);
        BitConverter.TryWriteBytes(entry[8..], length);
        _index!.Write(entry);
        _offset += length;
    }

    /// <summary>Ends the writing: spilled data is flushed so that it can be read by position.</summary>
    public void Complete()
    {
        _text?.Flush();
        _index?.Flush();
    }

    /// <summary>A temporary file only the hub's account can read (shared strings hold names and identity numbers), gone when closed.</summary>
    private static FileStream Temporary()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Options = FileOptions.DeleteOnClose,
            BufferSize = 64 * 1024,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(Path.Combine(Path.GetTempPath(), $"hub-sst-{Guid.NewGuid():N}.tmp"), options);
    }

    public void Dispose()
    {
        _text?.Dispose();
        _index?.Dispose();
    }
}
