using System.Buffers;
using System.Text;

namespace IntegrationHub.Connectors.Files;

/// <summary>
/// RFC 4180 delimited text, record by record: quoted fields may hold the delimiter, doubled quotes and line breaks. A
/// quote opens a quoted field only at the start of a field; anywhere else it is text and the record notes it, so one
/// stray quote spoils one row, not the rest of the file. Tracks the line each record starts on. Runs of ordinary
/// characters are found with a vectorised search over a 64 KiB buffer. Memory is bounded by the limits: a field keeps at
/// most <see cref="SourceLimits.MaxFieldLength"/> characters, a record at most <see cref="SourceLimits.MaxRecordLength"/>
/// and <see cref="SourceLimits.MaxFields"/> fields; what is over is counted and skipped, and the record says so.
/// </summary>
internal sealed class DelimitedTextParser
{
    private const int BufferSize = 64 * 1024;

    private readonly TextReader _reader;
    private readonly char _delimiter;
    private readonly char _quote;
    private readonly SourceLimits _limits;
    private readonly SearchValues<char> _unquotedStops;
    private readonly SearchValues<char> _quotedStops;
    private readonly char[] _buffer = new char[BufferSize];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _end;
    private bool _ended;
    private long _line;
    private long _fieldLength;
    private long _kept;
    private bool _truncated;

    public DelimitedTextParser(TextReader reader, char delimiter, char quote, long firstLine, SourceLimits limits)
    {
        _reader = reader;
        _delimiter = delimiter;
        _quote = quote;
        _line = firstLine;
        _limits = limits;
        _unquotedStops = SearchValues.Create([delimiter, quote, '\r', '\n']);
        _quotedStops = SearchValues.Create([quote, '\n']);
    }

    /// <summary>The next record; null at the end. Blank lines are skipped.</summary>
    public DelimitedRecord? Next()
    {
        while (true)
        {
            var start = _line;
            var fields = new List<string>();
            var fieldCount = 0;
            List<(int Field, long Length)>? tooLong = null;
            string? problem = null;
            var inQuotes = false;
            var quoted = false;
            var any = false;
            _truncated = false;
            _kept = 0;
            StartField();
            while (true)
            {
                if (_position >= _end && !Fill())
                {
                    if (!any)
                        return null;
                    if (inQuotes)
                        problem ??= "a quoted field is not closed before the end of the file";
                    break;
                }

                any = true;
                var span = _buffer.AsSpan(_position, _end - _position);
                if (inQuotes)
                {
                    var stop = span.IndexOfAny(_quotedStops);
                    if (stop < 0)
                    {
                        Append(span);
                        _position = _end;
                        continue;
                    }

                    Append(span[..stop]);
                    var q = span[stop];
                    _position += stop + 1;
                    if (q == '\n')
                    {
                        _line++;
                        Append("\n");
                    }
                    else if (Peek() == _quote)
                    {
                        _position++;
                        Append(span.Slice(stop, 1));
                    }
                    else
                    {
                        inQuotes = false;
                    }

                    continue;
                }

                var next = span.IndexOfAny(_unquotedStops);
                var text = next < 0 ? span : span[..next];
                if (text.Length > 0)
                {
                    if (quoted)
                        problem ??= $"text follows the closing quote in field {fieldCount + 1}";
                    Append(text);
                }

                if (next < 0)
                {
                    _position = _end;
                    continue;
                }

                var c = span[next];
                _position += next + 1;
                if (c == _quote)
                {
                    if (_fieldLength == 0 && !quoted)
                    {
                        inQuotes = quoted = true;
                        continue;
                    }

                    problem ??= $"a quote character is out of place in field {fieldCount + 1}";
                    Append(span.Slice(next, 1));
                }
                else if (c == _delimiter)
                {
                    EndField(fields, ref fieldCount, ref tooLong);
                    quoted = false;
                }
                else
                {
                    if (c == '\r' && Peek() == '\n')
                        _position++;
                    _line++;
                    break;
                }
            }

            var blank = fieldCount == 0 && _fieldLength == 0 && !quoted && problem is null;
            EndField(fields, ref fieldCount, ref tooLong);
            if (blank)
                continue;
            if (_truncated)
                problem ??= $"the row is longer than the limit of {_limits.MaxRecordLength:N0} characters (rule: Hub:Limits:MaxRecordLength); only its start was read";
            return new DelimitedRecord(start, [.. fields], fieldCount, tooLong ?? [], problem);
        }
    }

    private void StartField()
    {
        _field.Clear();
        _fieldLength = 0;
    }

    private void EndField(List<string> fields, ref int fieldCount, ref List<(int Field, long Length)>? tooLong)
    {
        fieldCount++;
        if (fields.Count < _limits.MaxFields)
        {
            if (_fieldLength > _limits.MaxFieldLength)
                (tooLong ??= []).Add((fieldCount, _fieldLength));
            fields.Add(_field.ToString());
        }

        StartField();
    }

    /// <summary>Keeps what the limits allow of the field; counts all of it.</summary>
    private void Append(ReadOnlySpan<char> text)
    {
        _fieldLength += text.Length;
        var fieldRoom = _limits.MaxFieldLength - _field.Length;
        var recordRoom = _limits.MaxRecordLength - _kept;
        // A field over the field limit is reported by its length; a record over the record limit is cut.
        if (recordRoom < Math.Min(fieldRoom, text.Length))
            _truncated = true;
        var room = (int)Math.Min(Math.Min(fieldRoom, recordRoom), text.Length);
        if (room <= 0)
            return;
        _field.Append(text[..room]);
        _kept += room;
    }

    private int Peek()
    {
        if (_position >= _end && !Fill())
            return -1;
        return _buffer[_position];
    }

    private bool Fill()
    {
        if (_ended)
            return false;
        _end = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        if (_end > 0)
            return true;
        _ended = true;
        return false;
    }
}

/// <summary>
/// One record of delimited text: the line it starts on, its fields (at most <see cref="SourceLimits.MaxFields"/>), how
/// many fields it really has, the fields over the length limit (1-based, with their full length), and what was wrong
/// with its quoting or length.
/// </summary>
internal sealed record DelimitedRecord(long Line, string[] Fields, int FieldCount, IReadOnlyList<(int Field, long Length)> TooLong, string? Problem);
