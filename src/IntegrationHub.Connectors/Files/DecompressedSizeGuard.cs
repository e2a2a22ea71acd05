using System.Globalization;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// Reads a decompressed part of a workbook and stops it at its limit: the bytes its zip entry may expand to
/// (<see cref="SourceLimits.MaxDecompressedBytes"/>, and <see cref="SourceLimits.MaxCompressionRatio"/> times its compressed
/// size). A zip bomb is refused after reading at most that much, whatever its headers claim.
/// </summary>
internal sealed class DecompressedSizeGuard(Stream inner, string part, long limit, string rule) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new UnreadableFileException(string.Create(CultureInfo.InvariantCulture,
                $"The workbook's part {part} expands past {limit:N0} bytes (rule: {rule}); the file is refused as a zip bomb."));
        }

        return read;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
