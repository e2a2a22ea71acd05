using System.Text;

namespace IntegrationHub.Connectors;

/// <summary>
/// Lines of a text stream (JSON Lines, a Singer tap's output) with memory bounded by a length limit: a line longer than
/// the limit keeps only its start and says how long it was, instead of being held whole (a tap that writes gigabytes
/// without a line break cannot take the hub's memory). Line breaks: <c>\n</c>, <c>\r\n</c> or <c>\r</c>.
/// </summary>
public sealed class BoundedLineReader(TextReader reader, int maxLength)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _end;
    private bool _ended;
    private bool _skipLineFeed;
    private bool _pendingLine;

    /// <summary>The next line, or null at the end of the text.</summary>
    public BoundedLine? ReadLine()
    {
        StartLine();
        long length = 0;
        while (true)
        {
            if (_position >= _end)
            {
                _end = _ended ? 0 : reader.Read(_buffer, 0, _buffer.Length);
                _position = 0;
                if (_end == 0)
                    return Ended(length);
            }

            if (Take(ref length))
                return Line(length);
        }
    }

    /// <summary>The next line, or null at the end of the text.</summary>
    public async ValueTask<BoundedLine?> ReadLineAsync(CancellationToken ct)
    {
        StartLine();
        long length = 0;
        while (true)
        {
            if (_position >= _end)
            {
                _end = _ended ? 0 : await reader.ReadAsync(_buffer.AsMemory(), ct).ConfigureAwait(false);
                _position = 0;
                if (_end == 0)
                    return Ended(length);
            }

            if (Take(ref length))
                return Line(length);
        }
    }

    private void StartLine() => _line.Clear();

    private BoundedLine? Ended(long length)
    {
        _ended = true;
        return length == 0 && _line.Length == 0 && !_pendingLine ? null : Line(length);
    }

    /// <summary>Consumes buffered characters up to a line break; true when the line is complete.</summary>
    private bool Take(ref long length)
    {
        if (_skipLineFeed)
        {
            _skipLineFeed = false;
            if (_buffer[_position] == '\n')
            {
                _position++;
                if (_position >= _end)
                    return false;
            }
        }

        var span = _buffer.AsSpan(_position, _end - _position);
        var stop = span.IndexOfAny('\r', '\n');
        var text = stop < 0 ? span : span[..stop];
        length += text.Length;
        _pendingLine = true;
        var room = Math.Min(maxLength - _line.Length, text.Length);
        if (room > 0)
            _line.Append(text[..room]);
        if (stop < 0)
        {
            _position = _end;
            return false;
        }

        _position += stop + 1;
        _skipLineFeed = span[stop] == '\r';
        return true;
    }

    private BoundedLine Line(long length)
    {
        _pendingLine = false;
        return new BoundedLine(_line.ToString(), length);
    }
}

/// <summary>A line as read: its text (at most the limit's characters) and its real length.</summary>
public sealed record BoundedLine(string Text, long Length)
{
    public bool IsCut => Length > Text.Length;
}
