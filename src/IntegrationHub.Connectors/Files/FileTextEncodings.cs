using System.Text;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// The text encodings of department exports: UTF-8 (with or without BOM) and GB18030, the superset of GBK and GB2312 that
/// Chinese Windows and older government systems write. Detection: a BOM decides; else bytes that are valid UTF-8 are
/// UTF-8; else GB18030 (GBK bytes are rarely valid UTF-8, and any byte string decodes under GB18030).
/// </summary>
public static class FileTextEncodings
{
    private const int BufferSize = 64 * 1024;

    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>GB18030 needs the code-pages provider on .NET; loading it here registers the provider once.</summary>
    public static readonly Encoding Gb18030 = LoadGb18030();

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsKnown(string name) => name is "auto" or "utf-8" or "gb18030" or "gbk" or "gb2312";

    /// <summary>The encoding named in a configuration (<c>gbk</c> and <c>gb2312</c> decode as GB18030, their superset).</summary>
    public static Encoding Named(string name) => name switch
    {
        "utf-8" => Utf8,
        "gb18030" or "gbk" or "gb2312" => Gb18030,
        _ => throw new ArgumentException($"'{name}' is not a configured encoding name.", nameof(name)),
    };

    /// <summary>The configured encoding, or the detected one for <c>auto</c>.</summary>
    public static Encoding For(string configured, string path) => configured == "auto" ? Detect(path) : Named(configured);

    public static Encoding Detect(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize);
        return Detect(stream);
    }

    /// <summary>Reads the stream to its end (in bounded memory) to tell UTF-8 from GB18030.</summary>
    public static Encoding Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[BufferSize];
        var read = stream.ReadAtLeast(buffer, 4, throwOnEndOfStream: false);
        var bom = buffer.AsSpan(0, read);
        if (bom.StartsWith([(byte)0xEF, (byte)0xBB, (byte)0xBF]))
            return Utf8;
        if (bom.StartsWith([(byte)0xFF, (byte)0xFE]))
            return Encoding.Unicode;
        if (bom.StartsWith([(byte)0xFE, (byte)0xFF]))
            return Encoding.BigEndianUnicode;

        var decoder = StrictUtf8.GetDecoder();
        var chars = new char[StrictUtf8.GetMaxCharCount(BufferSize)];
        try
        {
            while (read > 0)
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                read = stream.Read(buffer, 0, buffer.Length);
            }

            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true);
            return Utf8;
        }
        catch (DecoderFallbackException)
        {
            return Gb18030;
        }
    }

    /// <summary>Makes sure the code-pages provider is registered (XML files may declare <c>encoding="GBK"</c>).</summary>
    public static void EnsureRegistered() => GC.KeepAlive(Gb18030);

    private static Encoding LoadGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936);
    }
}
